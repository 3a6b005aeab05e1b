using System;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using Npgsql;
using Orleans.Storage;

namespace TeamBot.Orleans.Storage;

/// <summary>
/// Grain states in PostgreSQL, one row per state in <c>teambot_grain_state</c>: the run's state is the state file's JSON,
/// readable with SQL (<c>select state from teambot_grain_state where key like 'run/%'</c>).
/// </summary>
public sealed class PostgresJsonStateBackend : IJsonStateBackend, IAsyncDisposable
{
    /// <summary>The table, created by <see cref="EnsureSchemaAsync"/> (and by <c>deploy/postgresql/teambot.sql</c>).</summary>
    internal const string Schema = """
        create table if not exists teambot_grain_state (
            key text primary key,
            version bigint not null,
            state json not null,
            updated timestamptz not null default now()
        );
        """;

    private readonly NpgsqlDataSource _dataSource;

    /// <summary>Initializes a new instance of the <see cref="PostgresJsonStateBackend"/> class.</summary>
    public PostgresJsonStateBackend(string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        _dataSource = NpgsqlDataSource.Create(connectionString);
    }

    /// <summary>Creates the table when it does not exist.</summary>
    public async Task EnsureSchemaAsync(CancellationToken cancellationToken = default)
    {
        await Clustering.PostgresSchema.CreateAsync(_dataSource, Schema, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public async Task<(byte[]? Json, string? ETag)> ReadAsync(string key, CancellationToken cancellationToken)
    {
        await using NpgsqlCommand command = _dataSource.CreateCommand("select state::text, version from teambot_grain_state where key = $1");
        command.Parameters.AddWithValue(key);
        await using NpgsqlDataReader reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            return (null, null);
        }

        return (System.Text.Encoding.UTF8.GetBytes(reader.GetString(0)), reader.GetInt64(1).ToString(CultureInfo.InvariantCulture));
    }

    /// <inheritdoc/>
    public async Task<string> WriteAsync(string key, byte[] json, string? expectedETag, CancellationToken cancellationToken)
    {
        string text = System.Text.Encoding.UTF8.GetString(json);
        await using NpgsqlCommand command = expectedETag is null
            ? _dataSource.CreateCommand("insert into teambot_grain_state (key, version, state) values ($1, 1, $2::json) on conflict (key) do nothing returning version")
            : _dataSource.CreateCommand("update teambot_grain_state set version = version + 1, state = $2::json, updated = now() where key = $1 and version = $3 returning version");
        command.Parameters.AddWithValue(key);
        command.Parameters.AddWithValue(text);
        if (expectedETag is not null)
        {
            command.Parameters.AddWithValue(long.Parse(expectedETag, CultureInfo.InvariantCulture));
        }

        object? version = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        return version is long written
            ? written.ToString(CultureInfo.InvariantCulture)
            : throw new InconsistentStateException($"The state '{key}' was written by someone else.", "unknown", expectedETag ?? "none");
    }

    /// <inheritdoc/>
    public async Task DeleteAsync(string key, string? expectedETag, CancellationToken cancellationToken)
    {
        await using NpgsqlCommand command = _dataSource.CreateCommand("delete from teambot_grain_state where key = $1");
        command.Parameters.AddWithValue(key);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();
}
