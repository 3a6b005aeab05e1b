using System;
using System.Linq;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using Orleans.Hosting;
using Orleans.TestingHost;
using TeamBot.Agents;
using TeamBot.Objectives;
using TeamBot.Orleans.Contracts;
using TeamBot.Orleans.Hosting;
using TeamBot.Rules;

namespace TeamBot.Benchmarks;

/// <summary>
/// Runs per second of the 14-stage workflow with no-op agents on an in-process cluster of 1 or 3 silos. On one machine
/// more silos add messaging between them, not cores: this measures the engine's overhead, not a speed-up.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 2, iterationCount: 5, invocationCount: 1)]
public class ClusterBenchmarks
{
    private const int RunsPerBatch = 50;
    private TestCluster _cluster = null!;
    private TeamBotClusterClient _client = null!;
    private int _batch;

    [Params(1, 3)]
    public short Silos { get; set; }

    [GlobalSetup]
    public async Task SetupAsync()
    {
        var builder = new TestClusterBuilder(Silos);
        builder.AddSiloBuilderConfigurator<SiloConfigurator>();
        _cluster = builder.Build();
        await _cluster.DeployAsync();
        _client = new TeamBotClusterClient(_cluster.Client) { PollInterval = TimeSpan.FromMilliseconds(5) };
    }

    [GlobalCleanup]
    public async Task CleanupAsync() => await _cluster.DisposeAsync();

    /// <summary>50 runs submitted at once, until all complete: divide by 50 for one run.</summary>
    [Benchmark(OperationsPerInvoke = RunsPerBatch)]
    public async Task<int> Runs()
    {
        int batch = ++_batch;
        string[] runs = Enumerable.Range(0, RunsPerBatch).Select(i => $"bench-{Silos}-{batch}-{i}").ToArray();
        await Task.WhenAll(runs.Select(run => _client.SubmitAsync(new Objective { Title = run, FeatureName = run }, run)));
        RunProgress[] results = await Task.WhenAll(runs.Select(run => _client.WatchAsync(run)));
        int complete = results.Count(result => result.Status == RunStatus.Complete);

        // Only work that succeeded is measured: a batch with a failed run is not a figure.
        return complete == RunsPerBatch ? complete : throw new InvalidOperationException($"{RunsPerBatch - complete} of {RunsPerBatch} runs did not complete.");
    }

    private sealed class SiloConfigurator : ISiloConfigurator
    {
        public void Configure(ISiloBuilder siloBuilder) =>
            siloBuilder.AddTeamBot(Delivery.Definition, AgentRegistry.ForAll(new NoOpAgent()), options =>
            {
                options.RunsDirectory = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "teambot-bench-cluster");
                options.Runner = new Execution.WorkflowRunnerOptions { WorkingDirectory = options.RunsDirectory };
            });
    }
}
