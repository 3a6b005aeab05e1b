using System;
using System.Diagnostics;
using System.Linq;
using System.Threading.Tasks;
using Orleans.TestingHost;
using TeamBot.Orleans.Contracts;
using TeamBot.Orleans.Hosting;
using TeamBot.Orleans.Storage;
using TeamBot.Rules;

namespace TeamBot.Orleans.Tests;

/// <summary>A run cancelled on the cluster while its agent works, then resumed.</summary>
[Collection(nameof(SharedClusterState))]
public sealed class CancelClusterTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    /// <summary>
    /// The cancelled session's driver returns, and the run can be resumed, only once the worker has answered: its agent
    /// has stopped. Given up at the cancel, the call would let the agent wind down (or, still queued for its worker,
    /// start) after the session had ended, beside the resumed session's call of the same stage; the crash matrix counted
    /// such a late call among the next session's.
    /// </summary>
    [Fact]
    public async Task A_cancelled_session_ends_only_once_its_agent_has_stopped()
    {
        SharedCluster.Team = new ClusterTeam();
        SharedCluster.Team.StopSlowlyOnce["SPEC"] = TimeSpan.FromSeconds(1);
        SharedCluster.Backend = new InMemoryJsonStateBackend();
        SharedCluster.MaxConcurrency = null;
        await using TestCluster cluster = await SharedCluster.StartAsync();
        var client = new TeamBotClusterClient(cluster.Client) { PollInterval = TimeSpan.FromMilliseconds(20) };
        const string Run = "cancelled-while-working";
        await client.SubmitAsync(ClusterTests.Objective(Run), Run);
        await SharedCluster.Team.SlowStopStarted.Task.WaitAsync(Patience);

        Assert.True(await client.CancelAsync(Run));
        var waited = Stopwatch.StartNew();
        while (!await client.ResumeAsync(Run))
        {
            // Refused while the cancelled session is still running: its driver has not returned.
            Assert.True(waited.Elapsed < Patience, "the cancelled session never ended");
            await Task.Delay(10);
        }

        Assert.True(SharedCluster.Team.SlowStopEnded.Task.IsCompleted, "the run was resumed while the cancelled session's agent was still working");
        RunProgress end = await client.WatchAsync(Run).WaitAsync(Patience);
        Assert.Equal(RunStatus.Complete, end.Status);
        Assert.Equal(2, SharedCluster.Team.WorkCalls(Run).Count(call => call.Stage == "SPEC"));
    }
}
