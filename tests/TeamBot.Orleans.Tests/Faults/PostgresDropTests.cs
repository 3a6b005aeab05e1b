using System;
using System.Linq;
using System.Threading.Tasks;
using Npgsql;
using Orleans.TestingHost;
using TeamBot.Orleans.Contracts;
using TeamBot.Orleans.Hosting;
using TeamBot.Orleans.Storage;
using TeamBot.State;
using Xunit.Abstractions;

namespace TeamBot.Orleans.Tests.Faults;

/// <summary>
/// The PostgreSQL store loses its connections before each write of a run in turn: the write fails, the run stops with
/// its last saved state intact, and the next call resumes it to the end.
/// </summary>
[Collection(nameof(SharedClusterState))]
public sealed class PostgresDropTests(ITestOutputHelper output)
{
    [PostgresFact]
    public async Task Connections_dropped_before_any_write_of_a_run_lose_nothing_and_the_run_completes()
    {
        string application = $"teambot-drop-{Guid.NewGuid():N}"[..40];
        await using var postgres = new PostgresJsonStateBackend(new NpgsqlConnectionStringBuilder(PostgresFactAttribute.ConnectionString) { ApplicationName = application }.ConnectionString);
        await postgres.EnsureSchemaAsync();
        var backend = new DroppingBackend(postgres, PostgresFactAttribute.ConnectionString!, application);
        SharedCluster.Team = new ClusterTeam();
        SharedCluster.Backend = backend;
        SharedCluster.MaxConcurrency = null;
        SharedCluster.PostgresClustering = null;
        await using TestCluster cluster = await SharedCluster.StartAsync(silos: 1);
        var client = new TeamBotClusterClient(cluster.Client);

        string reference = $"drop-ref-{Guid.NewGuid():N}";
        await client.SubmitAsync(ClusterTests.Objective(reference), reference);
        Assert.Equal(Rules.RunStatus.Complete, (await client.WatchAsync(reference).WaitAsync(TimeSpan.FromMinutes(2))).Status);
        int writes = backend.WritesOf(reference);
        Assert.True(writes > 3, $"{writes} writes");

        string[] runs = Enumerable.Range(0, writes).Select(at => $"drop-{at}-{Guid.NewGuid():N}"[..24]).ToArray();
        for (int at = 0; at < writes; at++)
        {
            backend.DropBefore[runs[at]] = at;
        }

        // One run at a time: the connections dropped are the whole pool's, and another run's writes must not meet them.
        foreach (string run in runs)
        {
            await client.SubmitAsync(ClusterTests.Objective(run), run);

            // A run whose save failed stopped; watching it is the next call, which resumes it from what was saved.
            RunProgress result = await WatchUntilDoneAsync(client, run);
            Assert.True(result.Status == Rules.RunStatus.Complete, $"{run}: {result.Status}");
            SavedRun<Stage>? saved = await ClusterRunState.LoadAsync(Workflow.Definition, postgres, SharedCluster.ServiceId, run);
            Assert.Equal(Workflow.Definition.StageOrder.Length, saved!.State.Completed.Count);
        }

        // A run's last writes vary by one with timing (the journal's compaction), so a run may end before the write
        // chosen for it; every run that reached its write met the drop.
        string[] reached = runs.Where((run, at) => backend.WritesOf(run) > at).ToArray();
        Assert.Equal(reached.Order(StringComparer.Ordinal), backend.Dropped.Order(StringComparer.Ordinal));
        Assert.True(reached.Length >= writes - 1, $"only {reached.Length} of {writes} runs reached the write chosen for them");
        output.WriteLine($"connections dropped before each of the {writes} writes of a run, one run each: all {writes} completed, {reached.Length} met their drop");
    }

    private static async Task<RunProgress> WatchUntilDoneAsync(TeamBotClusterClient client, string run)
    {
        DateTime deadline = DateTime.UtcNow.AddMinutes(2);
        while (true)
        {
            try
            {
                return await client.WatchAsync(run).WaitAsync(TimeSpan.FromMinutes(2));
            }
            catch (TeamBotStorageException) when (DateTime.UtcNow < deadline)
            {
                // The call that met the dropped connection; the next one finds a fresh one.
                await Task.Delay(100);
            }
        }
    }
}
