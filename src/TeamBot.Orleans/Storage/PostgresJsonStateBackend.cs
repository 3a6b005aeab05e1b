using System;
using System.Collections.Generic;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using Npgsql;
using Orleans.Storage;
using TeamBot.Orleans.Clustering;
using TeamBot.Orleans.Contracts;

namespace TeamBot.Orleans.Storage;

/// <summary>
/// Grain states in PostgreSQL, one row per state in <c>teambot_grain_state</c>: the run's state is the state file's JSON,
/// readable with SQL (<c>select state from teambot_grain_state where key like 'run/%'</c>). The run index is one row per
/// run in <c>teambot_runs</c>.
/// </summary>
/// <remarks>
/// A database failure is thrown as a <see cref="TeamBotStorageException"/>, which crosses the Orleans wire to the
/// client whose call failed on it.
/// </remarks>
public sealed class PostgresJsonStateBackend : IJsonStateBackend, IRunIndexBackend, IAsyncDisposable
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

    private readonly TeamBotPostgresDataSource _postgres;
    private readonly bool _ownsPostgres;

    /// <summary>Initializes a new instance of the <see cref="PostgresJsonStateBackend"/> class with a pool of its own, of the default size.</summary>
    public PostgresJsonStateBackend(string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        _postgres = new TeamBotPostgresDataSource(new TeamBotPostgresOptions { ConnectionString = connectionString });
        _ownsPostgres = true;
    }

    /// <summary>Initializes a new instance of the <see cref="PostgresJsonStateBackend"/> class on the silo's shared pool, which stays its owner's.</summary>
    public PostgresJsonStateBackend(TeamBotPostgresDataSource postgres)
    {
        ArgumentNullException.ThrowIfNull(postgres);
        _postgres = postgres;
    }

    private NpgsqlDataSource DataSource => _postgres.Source;

    /// <summary>Checks the server's connection limit and creates TeamBot's tables when they do not exist (unless told not to).</summary>
    /// <exception cref="TeamBotPostgresSetupException">The server is too small for the pools, or the tables are missing and may not be created.</exception>
    public Task EnsureSchemaAsync(CancellationToken cancellationToken = default) => _postgres.InitializeAsync(cancellationToken);

    /// <inheritdoc/>
    public Task<(byte[]? Json, string? ETag)> ReadAsync(string key, CancellationToken cancellationToken) =>
        GuardAsync($"reading '{key}'", async () =>
        {
            await using NpgsqlCommand command = DataSource.CreateCommand("select state::text, version from teambot_grain_state where key = $1");
            command.Parameters.AddWithValue(key);
            await using NpgsqlDataReader reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                return ((byte[]?)null, (string?)null);
            }

            return (System.Text.Encoding.UTF8.GetBytes(reader.GetString(0)), reader.GetInt64(1).ToString(CultureInfo.InvariantCulture));
        }, cancellationToken);

    /// <inheritdoc/>
    public Task<string> WriteAsync(string key, byte[] json, string? expectedETag, CancellationToken cancellationToken) =>
        GuardAsync($"writing '{key}'", async () =>
        {
            string text = System.Text.Encoding.UTF8.GetString(json);
            await using NpgsqlCommand command = expectedETag is null
                ? DataSource.CreateCommand("insert into teambot_grain_state (key, version, state) values ($1, 1, $2::json) on conflict (key) do nothing returning version")
                : DataSource.CreateCommand("update teambot_grain_state set version = version + 1, state = $2::json, updated = now() where key = $1 and version = $3 returning version");
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
        }, cancellationToken);

    /// <inheritdoc/>
    public Task DeleteAsync(string key, string? expectedETag, CancellationToken cancellationToken) =>
        GuardAsync($"deleting '{key}'", async () =>
        {
            await using NpgsqlCommand command = DataSource.CreateCommand("delete from teambot_grain_state where key = $1");
            command.Parameters.AddWithValue(key);
            return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }, cancellationToken);

    /// <inheritdoc/>
    public Task AddRunAsync(string serviceId, string runId, CancellationToken cancellationToken) =>
        GuardAsync($"listing run '{runId}'", async () =>
        {
            await PostgresRunIndex.AddAsync(DataSource, serviceId, runId, cancellationToken).ConfigureAwait(false);
            return true;
        }, cancellationToken);

    /// <inheritdoc/>
    public Task MarkRunAsync(string serviceId, string runId, bool finished, CancellationToken cancellationToken) =>
        GuardAsync($"marking run '{runId}' {(finished ? "finished" : "unfinished")}", async () =>
        {
            await PostgresRunIndex.MarkAsync(DataSource, serviceId, runId, finished, cancellationToken).ConfigureAwait(false);
            return true;
        }, cancellationToken);

    /// <inheritdoc/>
    public Task<IReadOnlyList<RunIndexEntry>> ListRunsAsync(string serviceId, RunListFilter filter, long after, int limit, CancellationToken cancellationToken) =>
        GuardAsync("listing runs", () => PostgresRunIndex.ListAsync(DataSource, serviceId, filter, after, limit, cancellationToken), cancellationToken);

    /// <inheritdoc/>
    public ValueTask DisposeAsync() => _ownsPostgres ? _postgres.DisposeAsync() : ValueTask.CompletedTask;

    /// <summary>
    /// Runs a statement on one of the state's connections, and turns Npgsql's exceptions, which cannot cross the Orleans
    /// wire, into one that can.
    /// </summary>
    private async Task<T> GuardAsync<T>(string operation, Func<Task<T>> statement, CancellationToken cancellationToken)
    {
        using TeamBotPostgresDataSource.StateSlot slot = await _postgres.EnterStateAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await statement().ConfigureAwait(false);
        }
        catch (NpgsqlException ex)
        {
            throw TeamBotStorageException.From(operation, ex);
        }
    }
}
