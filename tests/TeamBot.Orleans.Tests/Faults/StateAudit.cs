using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Npgsql;
using TeamBot.Cli.Cluster;
using TeamBot.Orleans.Storage;
using TeamBot.State;

namespace TeamBot.Orleans.Tests.Faults;

/// <summary>
/// Every committed write of the silos' grain state, copied by a database trigger with the time it was made, and replayed
/// afterwards to find when each run's stages were first saved as completed. The silos cannot bypass it: it is the
/// database's own record of what they wrote.
/// </summary>
internal static class StateAudit
{
    /// <summary>Installs the trigger in <paramref name="scratch"/>'s schema.</summary>
    public static async Task InstallAsync(PostgresScratch scratch)
    {
        string schema = scratch.Name;
        await scratch.ExecuteAsync($"""
            create table {schema}.state_audit (id bigserial primary key, key text not null, state text not null, at timestamptz not null);
            create function {schema}.audit_state() returns trigger language plpgsql as $$
            begin
                insert into {schema}.state_audit (key, state, at) values (new.key, new.state::text, clock_timestamp());
                return new;
            end $$;
            create trigger audit_state after insert or update on {schema}.teambot_grain_state for each row execute function {schema}.audit_state();
            grant insert on {schema}.state_audit to {schema};
            grant usage on sequence {schema}.state_audit_id_seq to {schema};
            """);
    }

    /// <summary>When each stage of each run was first saved as completed, by (run, stage).</summary>
    public static async Task<IReadOnlyDictionary<(string Run, string Stage), DateTime>> CompletionsAsync(PostgresScratch scratch)
    {
        var replay = new ReplayBackend();
        var completions = new Dictionary<(string, string), DateTime>();
        await using NpgsqlCommand command = scratch.AdminCommand($"select key, state, at from {scratch.Name}.state_audit order by id");
        await using NpgsqlDataReader reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            string key = reader.GetString(0);
            string[] parts = key.Split('/', 3);
            if (parts.Length != 3 || parts[1] is not ("run" or "journal"))
            {
                continue;
            }

            replay.Documents[key] = Encoding.UTF8.GetBytes(reader.GetString(1));
            SavedRun<Stage>? saved = await ClusterRunState.LoadAsync(Workflow.Definition, replay, OrleansCluster<Stage>.ClusterId, parts[2]);
            foreach (Stage stage in saved?.State.Completed ?? [])
            {
                completions.TryAdd((parts[2], Workflow.Definition.GetStageName(stage)), reader.GetDateTime(2));
            }
        }

        return completions;
    }

    /// <summary>The grain state as it stood after each audited write.</summary>
    private sealed class ReplayBackend : IJsonStateBackend
    {
        public Dictionary<string, byte[]> Documents { get; } = new(StringComparer.Ordinal);

        public Task<(byte[]? Json, string? ETag)> ReadAsync(string key, CancellationToken cancellationToken) =>
            Task.FromResult<(byte[]?, string?)>((Documents.GetValueOrDefault(key), null));

        public Task<string> WriteAsync(string key, byte[] json, string? expectedETag, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task DeleteAsync(string key, string? expectedETag, CancellationToken cancellationToken) => throw new NotSupportedException();
    }
}
