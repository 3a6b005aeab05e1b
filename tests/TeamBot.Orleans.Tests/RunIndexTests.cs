using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Orleans;
using Orleans.Runtime;
using Orleans.TestingHost;
using TeamBot.Orleans.Contracts;
using TeamBot.Orleans.Hosting;
using TeamBot.Orleans.Storage;

namespace TeamBot.Orleans.Tests;

/// <summary>The run index: one entry per run, listed a page at a time, finished runs read from their saved state.</summary>
[Collection(nameof(SharedClusterState))]
public sealed class RunIndexTests
{
    [Fact]
    public async Task Listing_finished_runs_reads_their_saved_state_page_by_page_without_activating_a_run_grain()
    {
        SharedCluster.Team = new ClusterTeam();
        SharedCluster.Backend = new InMemoryJsonStateBackend();
        SharedCluster.MaxConcurrency = null;
        string[] runs = Enumerable.Range(1, 5).Select(i => $"listed-{i}").ToArray();
        await using (TestCluster first = await SharedCluster.StartAsync(silos: 1))
        {
            var submitter = new TeamBotClusterClient(first.Client);
            foreach (string run in runs)
            {
                await submitter.SubmitAsync(ClusterTests.Objective(run), run);
            }

            await Task.WhenAll(runs.Select(run => submitter.WatchAsync(run).WaitAsync(TimeSpan.FromMinutes(2))));
            await first.StopAllSilosAsync();
        }

        // A new cluster on the same state: no run grain is active until something asks one.
        await using TestCluster second = await SharedCluster.StartAsync(silos: 1);
        var client = new TeamBotClusterClient(second.Client);
        var pages = new List<RunListPage>();
        long? after = 0;
        while (after is { } position)
        {
            RunListPage page = await client.ListAsync(RunListFilter.Finished, position, limit: 2);
            pages.Add(page);
            after = page.Next;
        }

        Assert.Equal(runs, pages.SelectMany(page => page.Runs).Select(run => run.RunId));
        Assert.All(pages.SelectMany(page => page.Runs), run =>
        {
            Assert.Equal(Rules.RunStatus.Complete, run.Status);
            Assert.Equal(Workflow.Definition.Stages.Length, run.CompletedStages.Count);
        });
        Assert.All(pages.SkipLast(1), page => Assert.Equal(2, page.Runs.Count));
        Assert.Empty((await client.ListAsync(RunListFilter.Unfinished)).Runs);
        Assert.Equal(runs, (await client.ListAsync()).Select(run => run.RunId));

        IManagementGrain management = second.Client.GetGrain<IManagementGrain>(0);
        SimpleGrainStatistic[] statistics = await management.GetSimpleGrainStatistics();
        Assert.DoesNotContain(statistics, statistic => statistic.GrainType.Contains("WorkflowRunGrain", StringComparison.Ordinal) && statistic.ActivationCount > 0);
    }
}
