using System;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Orleans.TestingHost;
using TeamBot.Orleans.Contracts;
using TeamBot.Orleans.Hosting;
using TeamBot.Orleans.Storage;
using TeamBot.State;
using TeamBot.Tests.Support;

namespace TeamBot.Orleans.Tests;

/// <summary>Runs whose state is in a real PostgreSQL (started by .ci/run on loopback).</summary>
[Collection(nameof(SharedClusterState))]
public sealed class PostgresTests
{
    [PostgresFact]
    public async Task A_run_survives_restarting_the_whole_cluster_and_its_saved_json_loads_as_a_state_file()
    {
        await using var backend = new PostgresJsonStateBackend(PostgresFactAttribute.ConnectionString!);
        await backend.EnsureSchemaAsync();
        string run = $"pg-{Guid.NewGuid():N}";
        SharedCluster.Team = new ClusterTeam();
        SharedCluster.Backend = backend;
        SharedCluster.MaxConcurrency = null;
        SharedCluster.PostgresClustering = null;
        TaskCompletionSource gate = SharedCluster.Team.Gates.GetOrAdd("PLAN", _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));

        // First cluster: the run gets as far as PLAN, then every silo stops.
        TestCluster first = await SharedCluster.StartAsync();
        await new TeamBotClusterClient(first.Client).SubmitAsync(ClusterTests.Objective(run), run);
        await TestSupport.WaitUntilAsync(() => SharedCluster.Team.Calls.Any(call => call.Run == run && call.Stage == "PLAN"), "the run's PLAN call");

        await first.StopAllSilosAsync();
        await first.DisposeAsync();
        long beforeRestart = SharedCluster.Team.Calls.Max(call => call.Sequence);

        // Second cluster, same database: the run picks up at PLAN.
        gate.SetResult();
        await using TestCluster second = await SharedCluster.StartAsync();
        RunProgress result = await new TeamBotClusterClient(second.Client).WatchAsync(run).WaitAsync(TimeSpan.FromMinutes(2));

        Assert.Equal(Rules.RunStatus.Complete, result.Status);
        string[] after = SharedCluster.Team.Calls.Where(call => call.Run == run && call.Sequence > beforeRestart).Select(call => call.Stage).Distinct().ToArray();
        Assert.Equal("PLAN", after[0]);
        Assert.DoesNotContain("SPEC", after);
        Assert.DoesNotContain("RESEARCH", after);

        // The row holds the state file's JSON: the file loader reads it as it is.
        (byte[]? json, _) = await backend.ReadAsync(TeamBotStorage.RunKey(SharedCluster.ServiceId, run), CancellationToken.None);
        string directory = Path.Combine(Path.GetTempPath(), "teambot-pg-state", run);
        Directory.CreateDirectory(directory);
        await File.WriteAllBytesAsync(Path.Combine(directory, FileStateStore.StateFileName), json!);
        SavedRun<Stage>? saved = await SavedRun.LoadAsync(Workflow.Definition, new FileStateStore(directory));
        Assert.Equal(Rules.RunStatus.Complete, saved!.State.Status);
        Assert.Equal(Workflow.Definition.StageOrder.Length, saved.State.Completed.Count);
        Directory.Delete(directory, recursive: true);
    }

    [PostgresFact]
    public async Task On_postgres_clustering_and_storage_a_killed_silo_loses_no_run()
    {
        await using var backend = new PostgresJsonStateBackend(PostgresFactAttribute.ConnectionString!);
        await backend.EnsureSchemaAsync();
        SharedCluster.Team = new ClusterTeam { Delay = TimeSpan.FromMilliseconds(60) };
        SharedCluster.Backend = backend;
        SharedCluster.MaxConcurrency = null;
        SharedCluster.PostgresClustering = PostgresFactAttribute.ConnectionString;
        try
        {
            await using TestCluster cluster = await SharedCluster.StartAsync();
            var client = new TeamBotClusterClient(cluster.Client);
            string prefix = Guid.NewGuid().ToString("N")[..8];
            string[] runs = Enumerable.Range(1, 10).Select(i => $"pgkill-{prefix}-{i:00}").ToArray();
            foreach (string run in runs)
            {
                await client.SubmitAsync(ClusterTests.Objective(run), run);
            }

            await TestSupport.WaitUntilAsync(() => SharedCluster.Team.Calls.Count >= runs.Length * 5, "five calls per run");

            long lastCallBeforeKill = SharedCluster.Team.Calls.Max(call => call.Sequence);
            var completedAtKill = runs.ToDictionary(run => run, run => SavedClusterRun.Completed(backend, run));

            await cluster.KillSiloAsync(cluster.SecondarySilos[0]);
            RunProgress[] results = await Task.WhenAll(runs.Select(run => client.WatchAsync(run).WaitAsync(TimeSpan.FromMinutes(3))));

            Assert.All(results, result => Assert.Equal(Rules.RunStatus.Complete, result.Status));
            Assert.DoesNotContain(SharedCluster.Team.Calls, call => call.Sequence > lastCallBeforeKill && call.Task == Agents.AgentTask.Work && completedAtKill[call.Run].Contains(call.Stage));
            Assert.True(completedAtKill.Values.Sum(stages => stages.Count) > 0, "no stage had completed at the kill");
        }
        finally
        {
            SharedCluster.PostgresClustering = null;
        }
    }
}
