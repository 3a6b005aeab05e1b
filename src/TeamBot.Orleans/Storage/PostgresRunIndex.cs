using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Npgsql;
using NpgsqlTypes;
using TeamBot.Orleans.Contracts;

namespace TeamBot.Orleans.Storage;

/// <summary>
/// The run index in PostgreSQL: one row per run in <c>teambot_runs</c>, so that submitting or finishing a run writes
/// its own row, not a list of every run ever submitted, and a listing reads one page by the position index.
/// </summary>
internal static class PostgresRunIndex
{
    /// <summary>The table, created with the others (and by <c>deploy/postgresql/teambot.sql</c>).</summary>
    public const string Schema = """
        create table if not exists teambot_runs (
            service_id text not null,
            run_id text not null,
            position bigint generated always as identity,
            finished boolean not null default false,
            submitted timestamptz not null default now(),
            primary key (service_id, run_id)
        );
        create index if not exists teambot_runs_by_position on teambot_runs (service_id, position);
        create index if not exists teambot_runs_unfinished on teambot_runs (service_id, position) where not finished;
        """;

    public static async Task AddAsync(NpgsqlDataSource dataSource, string serviceId, string runId, CancellationToken cancellationToken)
    {
        await using NpgsqlCommand command = dataSource.CreateCommand("insert into teambot_runs (service_id, run_id) values ($1, $2) on conflict do nothing");
        command.Parameters.AddWithValue(serviceId);
        command.Parameters.AddWithValue(runId);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public static async Task MarkAsync(NpgsqlDataSource dataSource, string serviceId, string runId, bool finished, CancellationToken cancellationToken)
    {
        await using NpgsqlCommand command = dataSource.CreateCommand("update teambot_runs set finished = $3 where service_id = $1 and run_id = $2 and finished <> $3");
        command.Parameters.AddWithValue(serviceId);
        command.Parameters.AddWithValue(runId);
        command.Parameters.AddWithValue(finished);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public static async Task<IReadOnlyList<RunIndexEntry>> ListAsync(NpgsqlDataSource dataSource, string serviceId, RunListFilter filter, long after, int limit, CancellationToken cancellationToken)
    {
        // A finished run's snapshot comes in the same query, so a listing makes one round trip per page, not one per run.
        await using NpgsqlCommand command = dataSource.CreateCommand("""
            select r.run_id, r.position, r.finished, s.state::text
            from teambot_runs r left join teambot_grain_state s on r.finished and s.key = $5 || r.run_id
            where r.service_id = $1 and r.position > $2 and ($3::boolean is null or r.finished = $3)
            order by r.position
            limit $4
            """);
        command.Parameters.AddWithValue(serviceId);
        command.Parameters.AddWithValue(after);
        command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Boolean, Value = filter switch { RunListFilter.Finished => true, RunListFilter.Unfinished => false, _ => System.DBNull.Value } });
        command.Parameters.AddWithValue(limit);
        command.Parameters.AddWithValue(JsonGrainStorage.Key(serviceId, "run", ""));
        var entries = new List<RunIndexEntry>();
        await using NpgsqlDataReader reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            entries.Add(new RunIndexEntry(reader.GetString(0), reader.GetInt64(1), reader.GetBoolean(2), reader.IsDBNull(3) ? null : System.Text.Encoding.UTF8.GetBytes(reader.GetString(3))));
        }

        return entries;
    }
}
