using System.Threading;
using System.Threading.Tasks;
using Npgsql;

namespace TeamBot.Orleans.Clustering;

/// <summary>Creates TeamBot's tables, safely when several silos start at once on an empty database.</summary>
internal static class PostgresSchema
{
    // Any fixed number: every TeamBot process takes the same lock around its DDL.
    private const long SchemaLock = 0x7EAB07;

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
