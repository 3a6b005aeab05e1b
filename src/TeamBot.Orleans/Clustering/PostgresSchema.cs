using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Npgsql;
using TeamBot.Orleans.Storage;

namespace TeamBot.Orleans.Clustering;

/// <summary>Makes sure TeamBot's tables are there: creates them, safely when several silos start at once, or only checks.</summary>
internal static class PostgresSchema
{
    // Any fixed number: every TeamBot process takes the same lock around its DDL.
    private const long SchemaLock = 0x7EAB07;

    /// <summary>Every table TeamBot uses, as <c>deploy/postgresql/teambot.sql</c> creates them.</summary>
    public static readonly string[] Tables = ["teambot_grain_state", "teambot_runs", "teambot_membership_version", "teambot_membership"];

    /// <summary>The DDL of all of them.</summary>
    public static string Ddl => PostgresJsonStateBackend.Schema + PostgresRunIndex.Schema + PostgresMembershipTable.Schema;

    /// <summary>
    /// Issues no DDL when every table exists, because PostgreSQL checks the right to create even for
    /// <c>create table if not exists</c> on an existing table: a role with only DML rights on tables created ahead
    /// could not start otherwise. Missing tables are created when <paramref name="create"/> allows, else reported.
    /// </summary>
    /// <exception cref="TeamBotPostgresSetupException">Tables are missing and <paramref name="create"/> is false.</exception>
    public static async Task EnsureAsync(NpgsqlDataSource dataSource, bool create, CancellationToken cancellationToken)
    {
        IReadOnlyList<string> missing = await MissingAsync(dataSource, cancellationToken).ConfigureAwait(false);
        if (missing.Count == 0)
        {
            return;
        }

        if (!create)
        {
            throw new TeamBotPostgresSetupException(
                $"TeamBot's tables {string.Join(", ", missing)} are missing, and creating them is turned off (--no-create-schema, TeamBotPostgresOptions.CreateSchema). " +
                "Create them as a role with create rights: psql \"$CONNECTION\" -f deploy/postgresql/teambot.sql");
        }

        await CreateAsync(dataSource, Ddl, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The tables not found on the connection's search path.</summary>
    public static async Task<IReadOnlyList<string>> MissingAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        await using NpgsqlCommand command = dataSource.CreateCommand("select name from unnest($1::text[]) as name where to_regclass(name) is null");
        command.Parameters.AddWithValue(Tables);
        var missing = new List<string>();
        await using NpgsqlDataReader reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            missing.Add(reader.GetString(0));
        }

        return missing;
    }

    /// <summary>
    /// Runs <paramref name="ddl"/> under a transaction-scoped advisory lock. Concurrent <c>create table if not exists</c>
    /// can fail in PostgreSQL with a unique violation on the catalog; the lock makes the silos take turns.
    /// </summary>
    public static async Task CreateAsync(NpgsqlDataSource dataSource, string ddl, CancellationToken cancellationToken)
    {
        await using NpgsqlConnection connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using NpgsqlTransaction transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (var lockCommand = new NpgsqlCommand("select pg_advisory_xact_lock($1)", connection, transaction))
        {
            lockCommand.Parameters.AddWithValue(SchemaLock);
            await lockCommand.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await using (var create = new NpgsqlCommand(ddl, connection, transaction))
        {
            await create.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }
}
