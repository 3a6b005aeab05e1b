using System;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using Npgsql;

namespace TeamBot.Orleans.Clustering;

/// <summary>
/// A silo's one connection pool to PostgreSQL, shared by the membership table and the runs' state. It is registered
/// under this type, not as a bare <see cref="NpgsqlDataSource"/>, so that a data source the host registers for its own
/// use neither replaces it nor is replaced by it.
/// </summary>
public sealed class TeamBotPostgresDataSource : IAsyncDisposable, IDisposable
{
    private readonly SemaphoreSlim _stateSlots;
    private readonly Lock _gate = new();
    private Task? _initialized;

    /// <summary>Initializes a new instance of the <see cref="TeamBotPostgresDataSource"/> class.</summary>
    /// <exception cref="ArgumentException">The connection string is missing, or the pool is smaller than <see cref="TeamBotPostgresOptions.MinimumPoolSize"/>.</exception>
    public TeamBotPostgresDataSource(TeamBotPostgresOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.ConnectionString);
        var builder = new NpgsqlConnectionStringBuilder(options.ConnectionString);
        MaxPoolSize = options.MaxPoolSize ?? (SetsPoolSize(options.ConnectionString) ? builder.MaxPoolSize : TeamBotPostgresOptions.DefaultMaxPoolSize);
        if (MaxPoolSize < TeamBotPostgresOptions.MinimumPoolSize)
        {
            throw new ArgumentException($"The PostgreSQL pool must hold at least {TeamBotPostgresOptions.MinimumPoolSize} connections, not {MaxPoolSize}.", nameof(options));
        }

        builder.MaxPoolSize = MaxPoolSize;
        Options = options;
        Source = NpgsqlDataSource.Create(builder.ConnectionString);
        _stateSlots = new SemaphoreSlim(MaxPoolSize - TeamBotPostgresOptions.MembershipConnections);
    }

    /// <summary>Gets the options it was made with.</summary>
    public TeamBotPostgresOptions Options { get; }

    /// <summary>Gets the most connections it opens.</summary>
    public int MaxPoolSize { get; }

    /// <summary>Gets the pool.</summary>
    internal NpgsqlDataSource Source { get; }

    /// <summary>
    /// Checks once that the server has room for every silo's pool and that TeamBot's tables are there, creating them if
    /// allowed. A failed check is tried again by the next caller.
    /// </summary>
    /// <exception cref="TeamBotPostgresSetupException">The server's <c>max_connections</c> is too low, or the tables are missing and may not be created.</exception>
    public Task InitializeAsync(CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (_initialized is null || _initialized.IsFaulted || _initialized.IsCanceled)
            {
                _initialized = InitializeOnceAsync(cancellationToken);
            }

            return _initialized;
        }
    }

    /// <summary>
    /// Waits for one of the connections the state may use, so that state writes never take the membership's; dispose the
    /// result to give it back.
    /// </summary>
    internal async ValueTask<StateSlot> EnterStateAsync(CancellationToken cancellationToken)
    {
        await _stateSlots.WaitAsync(cancellationToken).ConfigureAwait(false);
        return new StateSlot(_stateSlots);
    }

    /// <inheritdoc/>
    public ValueTask DisposeAsync()
    {
        _stateSlots.Dispose();
        return Source.DisposeAsync();
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        _stateSlots.Dispose();
        Source.Dispose();
    }

    /// <summary>Whether the connection string names a pool size itself (under any of Npgsql's spellings).</summary>
    private static bool SetsPoolSize(string connectionString)
    {
        var raw = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString };
        foreach (string key in raw.Keys)
        {
            string bare = key.Replace(" ", "", StringComparison.Ordinal);
            if (bare.Equals("MaxPoolSize", StringComparison.OrdinalIgnoreCase) || bare.Equals("MaximumPoolSize", StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    private async Task InitializeOnceAsync(CancellationToken cancellationToken)
    {
        await CheckCapacityAsync(cancellationToken).ConfigureAwait(false);
        await PostgresSchema.EnsureAsync(Source, Options.CreateSchema, cancellationToken).ConfigureAwait(false);
    }

    private async Task CheckCapacityAsync(CancellationToken cancellationToken)
    {
        await using NpgsqlCommand command = Source.CreateCommand("show max_connections");
        int maxConnections = int.Parse((string)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!, CultureInfo.InvariantCulture);
        int needed = (MaxPoolSize * Options.ExpectedSilos) + Options.ReservedConnections;
        if (needed > maxConnections)
        {
            int fits = TeamBotPostgresOptions.MaxPoolSizeFor(maxConnections, Options.ExpectedSilos, Options.ReservedConnections);
            throw new TeamBotPostgresSetupException(
                $"PostgreSQL allows {maxConnections} connections (max_connections), but {Options.ExpectedSilos} silos with a pool of {MaxPoolSize} each " +
                $"and {Options.ReservedConnections} reserved need {needed}. Set the pool to at most {fits} (--postgres-pool-size, TeamBotPostgresOptions.MaxPoolSize), " +
                "expect fewer silos (--expected-silos), or raise max_connections in postgresql.conf.");
        }
    }

    /// <summary>One connection's worth of the state's share of the pool.</summary>
    internal readonly struct StateSlot(SemaphoreSlim slots) : IDisposable
    {
        public void Dispose() => slots.Release();
    }
}
