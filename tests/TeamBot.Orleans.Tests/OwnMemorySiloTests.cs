using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Orleans.Hosting;
using Orleans.TestingHost;
using TeamBot.Agents;
using TeamBot.Execution;
using TeamBot.Objectives;
using TeamBot.Orleans.Contracts;
using TeamBot.Orleans.Hosting;
using TeamBot.Rules;

namespace TeamBot.Orleans.Tests;

/// <summary>
/// Silos that keep state in their own memory (no backend in the options, as for development): a run's agent calls go
/// to workers on every silo, and those silos hold no epoch for the run. They once refused every such call, so no
/// multi-silo run completed.
/// </summary>
public sealed class OwnMemorySiloTests
{
    [Fact]
    public async Task Runs_complete_on_three_silos_that_each_keep_state_in_their_own_memory()
    {
        var builder = new TestClusterBuilder(3);
        builder.AddSiloBuilderConfigurator<OwnMemorySilo>();
        TestCluster cluster = builder.Build();
        await cluster.DeployAsync();
        try
        {
            var client = new TeamBotClusterClient(cluster.Client) { PollInterval = TimeSpan.FromMilliseconds(10) };
            string[] runs = Enumerable.Range(0, 12).Select(i => $"own-memory-{i}").ToArray();

            await Task.WhenAll(runs.Select(run => client.SubmitAsync(new Objective { Title = run, FeatureName = run, SuccessCriteria = ["It works"] }, run)));
            RunProgress[] results = await Task.WhenAll(runs.Select(run => client.WatchAsync(run))).WaitAsync(TimeSpan.FromMinutes(2));

            Assert.All(results, result => Assert.True(result.Status == RunStatus.Complete, $"{result.Status}: {result.Error}"));
        }
        finally
        {
            await cluster.DisposeAsync();
        }
    }

    private sealed class OwnMemorySilo : ISiloConfigurator
    {
        private static readonly string Runs = Path.Combine(Path.GetTempPath(), "teambot-own-memory-tests");

        public void Configure(ISiloBuilder siloBuilder) =>
            siloBuilder.AddTeamBot(Workflow.Definition, AgentRegistry.ForAll(new OfflineAgent()), options =>
            {
                options.RunsDirectory = Runs;
                options.Runner = new WorkflowRunnerOptions { WorkingDirectory = Runs };
            });
    }
}
