using System;
using System.Linq;
using System.Threading.Tasks;
using Orleans.TestingHost;
using TeamBot.Orleans.Contracts;
using TeamBot.Orleans.Hosting;
using TeamBot.Orleans.Storage;

namespace TeamBot.Orleans.Tests;

/// <summary>
/// Work the cluster refuses (silos dead or restarting, membership not yet settled) is handed out again for as long as
/// the cluster may take to recover, not only <c>WorkAttempts</c> times: a restart of every silo once failed a run that way.
/// </summary>
[Collection(nameof(SharedClusterState))]
public sealed class ClusterRecoveryTests
{
    [Fact]
    public async Task Work_the_cluster_refuses_more_often_than_the_attempts_allow_is_handed_out_until_it_is_accepted()
    {
        RunProgress end = await RunWithRefusalsAsync("refused-8", refusals: 8, recovery: null);

        Assert.True(end.Status == Rules.RunStatus.Complete, $"{end.Status}: {end.Error}");
        Assert.Equal(9, SharedCluster.Team.WorkCalls("refused-8").Count(call => call.Stage == "SPEC"));
    }

    [Fact]
    public async Task Once_the_recovery_time_is_over_the_attempts_bound_it_and_the_stage_fails()
    {
        RunProgress end = await RunWithRefusalsAsync("refused-past-recovery", refusals: 8, recovery: TimeSpan.Zero);

        Assert.Equal(Rules.RunStatus.Error, end.Status);
        Assert.Contains("the cluster could not run it after 5 attempts", end.Error, StringComparison.Ordinal);
        Assert.Equal(5, SharedCluster.Team.WorkCalls("refused-past-recovery").Count(call => call.Stage == "SPEC"));
    }

    private static async Task<RunProgress> RunWithRefusalsAsync(string run, int refusals, TimeSpan? recovery)
    {
        SharedCluster.Team = new ClusterTeam();
        SharedCluster.Backend = new InMemoryJsonStateBackend();
        SharedCluster.MaxConcurrency = null;
        SharedCluster.WorkAttemptTimeout = null;
        SharedCluster.ClusterRecoveryTime = recovery;
        SharedCluster.Team.ClusterRefusals["SPEC"] = refusals;
        try
        {
            await using TestCluster cluster = await SharedCluster.StartAsync(silos: 1);
            var client = new TeamBotClusterClient(cluster.Client);
            await client.SubmitAsync(ClusterTests.Objective(run), run);
            return await client.WatchAsync(run).WaitAsync(TimeSpan.FromMinutes(2));
        }
        finally
        {
            SharedCluster.ClusterRecoveryTime = null;
        }
    }
}
