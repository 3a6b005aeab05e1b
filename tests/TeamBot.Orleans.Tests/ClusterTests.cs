using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using Orleans.TestingHost;
using TeamBot.Objectives;
using TeamBot.Orleans.Contracts;
using TeamBot.Orleans.Hosting;
using TeamBot.Orleans.Storage;
using TeamBot.State;
using TeamBot.Tests.Support;
using Xunit.Abstractions;

namespace TeamBot.Orleans.Tests;

[CollectionDefinition(nameof(SharedClusterState), DisableParallelization = true)]
public sealed class SharedClusterState;

/// <summary>Many runs on an in-process cluster of three silos, and a silo killed under them.</summary>
[Collection(nameof(SharedClusterState))]
public sealed class ClusterTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Fifty_concurrent_runs_complete_with_each_runs_group_bound_observed()
    {
        SharedCluster.Team = new ClusterTeam();
        SharedCluster.Backend = new InMemoryJsonStateBackend();
        SharedCluster.MaxConcurrency = 1;
        await using TestCluster cluster = await SharedCluster.StartAsync();
        var client = new TeamBotClusterClient(cluster.Client);
        string[] runs = Enumerable.Range(1, 50).Select(i => $"fifty-{i:00}").ToArray();

        foreach (string run in runs)
        {
            Assert.True((await client.SubmitAsync(Objective(run), run)).Started);
        }

        RunProgress[] results = await Task.WhenAll(runs.Select(run => client.WatchAsync(run).WaitAsync(TimeSpan.FromMinutes(3))));

        Assert.All(results, result => Assert.Equal(Rules.RunStatus.Complete, result.Status));
        Assert.All(results, result => Assert.Equal(Workflow.Definition.Stages.Length, result.CompletedStages.Count));
        Assert.All(runs, run => Assert.Equal(1, SharedCluster.Team.MaxMembersAtOnce[run]));
        string[] stagesCalled = SharedCluster.Team.Calls.Where(call => call.Run == runs[0]).Select(call => call.Stage).Distinct().Order(StringComparer.Ordinal).ToArray();
        Assert.Contains("TEST_STRATEGY", stagesCalled);
        Assert.Contains("ACCEPTANCE_TEST", stagesCalled);
        Assert.All(runs, run => Assert.Equal(stagesCalled, SharedCluster.Team.Calls.Where(call => call.Run == run).Select(call => call.Stage).Distinct().Order(StringComparer.Ordinal)));
        Assert.False((await client.SubmitAsync(Objective(runs[0]), runs[0])).Started);
        Assert.Equal(runs.Order(StringComparer.Ordinal), (await client.ListAsync()).Select(run => run.RunId).Order(StringComparer.Ordinal));
        output.WriteLine($"{runs.Length} runs, {SharedCluster.Team.Calls.Count} agent calls");
    }

    [Fact]
    public async Task A_silo_killed_mid_run_loses_no_run_and_reruns_no_completed_stage()
    {
        SharedCluster.Team = new ClusterTeam { Delay = TimeSpan.FromMilliseconds(60) };
        var backend = new InMemoryJsonStateBackend();
        SharedCluster.Backend = backend;
        SharedCluster.MaxConcurrency = null;
        await using TestCluster cluster = await SharedCluster.StartAsync();
        var client = new TeamBotClusterClient(cluster.Client);
        string[] runs = Enumerable.Range(1, 20).Select(i => $"failover-{i:00}").ToArray();
        foreach (string run in runs)
        {
            await client.SubmitAsync(Objective(run), run);
        }

        await TestSupport.WaitUntilAsync(() => SharedCluster.Team.Calls.Count >= runs.Length * 6, "six calls per run");

        // What each run's saved state calls completed just before the kill: none of it may run again.
        Dictionary<string, HashSet<string>> completedAtKill = runs.ToDictionary(run => run, run => SavedClusterRun.Completed(backend, run));
        long lastCallBeforeKill = SharedCluster.Team.Calls.Max(call => call.Sequence);
        await cluster.KillSiloAsync(cluster.SecondarySilos[0]);

        RunProgress[] results = await Task.WhenAll(runs.Select(run => client.WatchAsync(run).WaitAsync(TimeSpan.FromMinutes(3))));

        Assert.All(results, result => Assert.Equal(Rules.RunStatus.Complete, result.Status));
        var rerun = SharedCluster.Team.Calls
            .Where(call => call.Sequence > lastCallBeforeKill && call.Task == Agents.AgentTask.Work && completedAtKill[call.Run].Contains(call.Stage))
            .ToList();
        Assert.Empty(rerun);
        // A stage with parallel agents has one call per agent; a piece of work ran again when one agent got it twice.
        int again = SharedCluster.Team.Calls.Where(call => call.Task == Agents.AgentTask.Work).GroupBy(call => (call.Run, call.Stage, call.AgentId)).Count(group => group.Count() > 1);
        Assert.True(completedAtKill.Values.Sum(set => set.Count) > 0, "no stage had completed at the kill; the test proved nothing");
        output.WriteLine($"{runs.Length} runs, 1 silo killed, {completedAtKill.Values.Sum(set => set.Count)} stages completed at the kill, 0 of them re-run; {again} stages in flight at the kill ran again");
    }

    internal static Objective Objective(string feature) => new() { Title = feature, FeatureName = feature, SourcePath = $"objectives/{feature}.md" };
}
