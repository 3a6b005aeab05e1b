using System;
using System.Linq;
using System.Threading.Tasks;
using Orleans.TestingHost;
using TeamBot.Orleans.Contracts;
using TeamBot.Orleans.Grains;
using TeamBot.Orleans.Hosting;
using TeamBot.Orleans.Storage;
using TeamBot.Tests.Support;
using Xunit.Abstractions;

namespace TeamBot.Orleans.Tests;

/// <summary>Silos stopping under runs, workers that hang, and clients that send a submission twice.</summary>
[Collection(nameof(SharedClusterState))]
public sealed class RestartTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Worker_calls_cancelled_by_their_silos_stopping_fail_no_stage_and_the_runs_complete_after_a_restart()
    {
        SharedCluster.Team = new ClusterTeam();
        var backend = new InMemoryJsonStateBackend();
        SharedCluster.Backend = backend;
        SharedCluster.MaxConcurrency = null;
        SharedCluster.WorkAttemptTimeout = null;
        TaskCompletionSource gate = SharedCluster.Team.Gates.GetOrAdd("PLAN", _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        string[] runs = Enumerable.Range(1, 10).Select(i => $"stopped-{i:00}").ToArray();

        // Every run waits in PLAN on some silo's worker when the whole cluster stops, gracefully, as on SIGTERM.
        TestCluster first = await SharedCluster.StartAsync();
        var client = new TeamBotClusterClient(first.Client);
        foreach (string run in runs)
        {
            await client.SubmitAsync(ClusterTests.Objective(run), run);
        }

        await TestSupport.WaitUntilAsync(() => runs.All(run => SharedCluster.Team.Calls.Any(call => call.Run == run && call.Stage == "PLAN")), "every run's PLAN call");

        await first.StopAllSilosAsync();
        await first.DisposeAsync();
        Assert.True(SharedCluster.Team.CancelledCalls > 0, "no worker call was cancelled by its silo's stop; the test proved nothing");

        // Every call waiting at the gate was cancelled, the ones whose run lived on the other silo too: their silo's stop
        // cancels them, rather than wait for them until the host's shutdown timeout (30 s) and then drop them.
        Assert.Equal(SharedCluster.Team.Calls.Count(call => call.Stage == "PLAN"), SharedCluster.Team.CancelledCalls);

        // Nothing the stop did was saved: each run is still in PLAN, with no failure.
        foreach (string run in runs)
        {
            SavedStateAssert(backend, run);
        }

        gate.SetResult();
        await using TestCluster second = await SharedCluster.StartAsync();
        var again = new TeamBotClusterClient(second.Client);
        RunProgress[] results = await Task.WhenAll(runs.Select(run => again.WatchAsync(run).WaitAsync(TimeSpan.FromMinutes(2))));

        Assert.All(results, result => Assert.True(result.Status == Rules.RunStatus.Complete, $"{result.RunId}: {result.Status} {result.Error}"));
        output.WriteLine($"{runs.Length} runs, {SharedCluster.Team.CancelledCalls} worker calls cancelled by the stop, all complete after the restart");
    }

    [Fact]
    public async Task A_worker_call_that_hangs_is_cancelled_after_the_attempt_timeout_and_handed_out_again()
    {
        SharedCluster.Team = new ClusterTeam();
        SharedCluster.Backend = new InMemoryJsonStateBackend();
        SharedCluster.MaxConcurrency = null;
        SharedCluster.WorkAttemptTimeout = TimeSpan.FromSeconds(5);
        SharedCluster.Team.HangOnce["SPEC"] = true;
        try
        {
            await using TestCluster cluster = await SharedCluster.StartAsync();
            var client = new TeamBotClusterClient(cluster.Client);
            await client.SubmitAsync(ClusterTests.Objective("hung-worker"), "hung-worker");

            RunProgress end = await client.WatchAsync("hung-worker").WaitAsync(TimeSpan.FromMinutes(1));

            Assert.Equal(Rules.RunStatus.Complete, end.Status);
            Assert.Equal(2, SharedCluster.Team.WorkCalls("hung-worker").Count(call => call.Stage == "SPEC"));
            Assert.Equal(1, SharedCluster.Team.CancelledCalls);
        }
        finally
        {
            SharedCluster.WorkAttemptTimeout = null;
        }
    }

    [Fact]
    public async Task A_submission_sent_twice_is_one_run_and_both_answers_say_it_started()
    {
        SharedCluster.Team = new ClusterTeam();
        SharedCluster.Backend = new InMemoryJsonStateBackend();
        SharedCluster.MaxConcurrency = null;
        await using TestCluster cluster = await SharedCluster.StartAsync(silos: 1);
        IWorkflowRunGrain run = cluster.GrainFactory.GetGrain<IWorkflowRunGrain>("twice");
        RunSubmission submission = RunSubmission.From(ClusterTests.Objective("twice"));

        // The second send is a client's retry after its gateway died with the first answer.
        Assert.True(await run.SubmitAsync(submission));
        Assert.True(await run.SubmitAsync(submission));
        Assert.False(await run.SubmitAsync(RunSubmission.From(ClusterTests.Objective("twice"))));
        RunProgress end = await new TeamBotClusterClient(cluster.Client).WatchAsync("twice").WaitAsync(TimeSpan.FromMinutes(1));

        Assert.Equal(Rules.RunStatus.Complete, end.Status);
        Assert.All(SharedCluster.Team.WorkCalls("twice").GroupBy(call => (call.Stage, call.AgentId)), group => Assert.Single(group));
    }

    private static void SavedStateAssert(IJsonStateBackend backend, string run)
    {
        var saved = ClusterRunState.LoadAsync(Workflow.Definition, backend, SharedCluster.ServiceId, run).AsTask().GetAwaiter().GetResult();
        Assert.NotNull(saved);
        Assert.True(saved.State.Status == Rules.RunStatus.InProgress && saved.State.Error is null, $"{run} was saved as {saved.State.Status}: {saved.State.Error}");
    }
}
