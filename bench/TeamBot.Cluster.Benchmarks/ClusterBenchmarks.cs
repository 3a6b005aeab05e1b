using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.TestingHost;
using TeamBot.Agents;
using TeamBot.Execution;
using TeamBot.Objectives;
using TeamBot.Orleans.Clustering;
using TeamBot.Orleans.Contracts;
using TeamBot.Orleans.Hosting;
using TeamBot.Rules;

namespace TeamBot.Benchmarks;

/// <summary>
/// Runs per second of the 14-stage workflow with the built-in offline agent (one rejection per review, one failed
/// acceptance run, as <c>teambot run</c> shows it) on five setups: an in-process cluster of 1 or 3 silos with state in
/// memory or in PostgreSQL, and three <c>teambot serve</c> processes on PostgreSQL. On one machine more silos add
/// messaging, not cores: this measures the engine's and the storage's overhead, not a speed-up.
/// </summary>
/// <remarks>
/// The PostgreSQL setups need <c>TEAMBOT_POSTGRES</c> (<c>bash .ci/postgres.sh start</c> prints one) and are left out
/// without it; the process setup needs the Release build of the tool. Each setup gets a schema of its own.
/// </remarks>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 2, iterationCount: 10, invocationCount: 1)]
public class ClusterBenchmarks
{
    private const int RunsPerBatch = 50;
    private const string ClusterId = "teambot";
    private TestCluster? _cluster;
    private SiloProcesses? _processes;
    private IHost? _client;
    private BenchSchema? _schema;
    private TeamBotClusterClient _runs = null!;
    private int _batch;
    private long _events;

    /// <summary>Gets or sets the setup: where the silos run and where state is kept.</summary>
    [ParamsSource(nameof(Setups))]
    public string Setup { get; set; } = "memory, 1 silo";

    public static IEnumerable<string> Setups()
    {
        yield return "memory, 1 silo";
        yield return "memory, 3 silos";
        if (BenchSchema.Server is not null)
        {
            yield return "postgres, 1 silo";
            yield return "postgres, 3 silos";
            yield return "postgres, 3 processes";
        }
    }

    [GlobalSetup]
    public async Task SetupAsync()
    {
        bool postgres = Setup.StartsWith("postgres", StringComparison.Ordinal);
        _schema = postgres ? await BenchSchema.CreateAsync() : null;
        if (Setup.EndsWith("processes", StringComparison.Ordinal))
        {
            _processes = await SiloProcesses.StartAsync(_schema!.ConnectionString, 3);
            _client = await ConnectAsync(_schema.ConnectionString);
            _runs = new TeamBotClusterClient(_client.Services.GetRequiredService<IClusterClient>());
        }
        else
        {
            SiloConfigurator.Postgres = _schema?.ConnectionString;
            var builder = new TestClusterBuilder(Setup.Contains("3 silos", StringComparison.Ordinal) ? (short)3 : (short)1);
            builder.AddSiloBuilderConfigurator<SiloConfigurator>();
            if (postgres)
            {
                // Membership in PostgreSQL too, as a production silo keeps it, not in the test cluster's own table.
                builder.Options.UseTestClusterMembership = false;
                builder.AddClientBuilderConfigurator<ClientConfigurator>();
            }

            _cluster = builder.Build();
            await _cluster.DeployAsync();
            _runs = new TeamBotClusterClient(_cluster.Client);
        }

        _runs.PollInterval = TimeSpan.FromMilliseconds(5);
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        // What a run decides, for the stage decisions per second: every run makes the same ones.
        Console.WriteLine($"// {Setup}: {(double)Interlocked.Read(ref _events) / (_batch * RunsPerBatch):F1} progress events per run");
        if (_client is not null)
        {
            await _client.StopAsync();
            _client.Dispose();
        }

        if (_processes is not null)
        {
            await _processes.DisposeAsync();
        }

        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }

        if (_schema is not null)
        {
            await _schema.DisposeAsync();
        }
    }

    /// <summary>50 runs submitted at once, until all complete: divide by 50 for one run.</summary>
    [Benchmark(OperationsPerInvoke = RunsPerBatch)]
    public async Task<int> Runs()
    {
        int batch = ++_batch;
        string[] runs = Enumerable.Range(0, RunsPerBatch).Select(i => $"bench-{batch}-{i}").ToArray();
        await Task.WhenAll(runs.Select(run => _runs.SubmitAsync(new Objective { Title = run, FeatureName = run }, run)));
        var counted = new Progress(this);
        RunProgress[] results = await Task.WhenAll(runs.Select(run => _runs.WatchAsync(run, counted)));
        int complete = results.Count(result => result.Status == RunStatus.Complete);

        // Only work that succeeded is measured: a batch with a run that did not complete is not a figure.
        return complete == RunsPerBatch ? complete : throw new InvalidOperationException($"{Setup}: {RunsPerBatch - complete} of {RunsPerBatch} runs did not complete: {results.First(result => result.Status != RunStatus.Complete).Error}");
    }

    private static async Task<IHost> ConnectAsync(string connection)
    {
        HostApplicationBuilder builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.UseOrleansClient(client => client.UseTeamBotPostgresClustering(connection)
            .Configure<ClusterOptions>(cluster => (cluster.ClusterId, cluster.ServiceId) = (ClusterId, ClusterId)));
        IHost host = builder.Build();
        await host.StartAsync();
        return host;
    }

    private sealed class Progress(ClusterBenchmarks benchmark) : IProgress<WorkflowEvent>
    {
        public void Report(WorkflowEvent value) => Interlocked.Increment(ref benchmark._events);
    }

    private sealed class SiloConfigurator : ISiloConfigurator
    {
        public static string? Postgres { get; set; }

        public void Configure(ISiloBuilder siloBuilder)
        {
            if (Postgres is not null)
            {
                siloBuilder.UseTeamBotPostgres(new TeamBotPostgresOptions { ConnectionString = Postgres, MaxPoolSize = 10 });
            }

            siloBuilder.AddTeamBot(Delivery.Definition, AgentRegistry.ForAll(new OfflineAgent()), options =>
            {
                options.RunsDirectory = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "teambot-bench-cluster", Guid.NewGuid().ToString("N"));
                options.Runner = new WorkflowRunnerOptions { WorkingDirectory = options.RunsDirectory };
            });
        }
    }

    private sealed class ClientConfigurator : IClientBuilderConfigurator
    {
        public void Configure(Microsoft.Extensions.Configuration.IConfiguration configuration, IClientBuilder clientBuilder) =>
            clientBuilder.UseTeamBotPostgresClustering(SiloConfigurator.Postgres!);
    }
}
