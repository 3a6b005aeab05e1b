using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Orleans.Hosting;
using Orleans.TestingHost;
using TeamBot.Agents;
using TeamBot.Definitions;
using TeamBot.Execution;
using TeamBot.Objectives;
using TeamBot.Orleans.Contracts;
using TeamBot.Orleans.Hosting;
using TeamBot.Orleans.Storage;
using TeamBot.State;

namespace TeamBot.Tests.Hosts;

/// <summary>
/// The cluster host: a run grain on a one-silo Orleans test cluster in this process, its state in grain storage, its
/// agents' calls on worker grains. Cancelling the caller's token cancels the run through the client, as
/// <c>teambot cancel</c> does.
/// </summary>
public sealed class ClusterRunHost : IRunHost
{
    private const string ServiceId = "teambot-behaviour";

    // Silo configurators are created by type, so the cluster being built finds its setup here; one build at a time.
    private static readonly SemaphoreSlim Building = new(1, 1);
    private static Action<ISiloBuilder>? s_setup;

    private readonly string _root = Path.Combine(Path.GetTempPath(), "teambot-tests", "cluster-" + Guid.NewGuid().ToString("N"));
    private readonly InMemoryJsonStateBackend _backend = new();
    private TestCluster? _cluster;
    private TeamBotClusterClient? _client;
    private string _runId = "";

    public string RunDirectory => Path.Combine(_root, _runId);

    public async Task<WorkflowResult> RunAsync<TStage>(IWorkflowDefinition<TStage> workflow, AgentRegistry agents, WorkflowRunnerOptions options, Objective objective, IProgress<WorkflowEvent> progress, CancellationToken cancellationToken = default)
        where TStage : struct, Enum
    {
        // The silos get the host's part of the options (clock, policy); the run's own choices travel with the submission.
        _client ??= await StartAsync(workflow, agents, options with { TimeBudget = null, MaxConcurrency = null, Policy = options.Policy with { SkipOptionalStages = false }, Budget = null });
        _runId = objective.FeatureName;
        var overrides = new RunOverrides(options.TimeBudget, options.MaxConcurrency, options.Policy.SkipOptionalStages, options.Budget);
        if (!(await _client.SubmitAsync(objective, _runId, overrides)).Started)
        {
            throw new WorkflowStateException($"The cluster already has a run '{_runId}'.");
        }

        return await WatchAsync(progress, cancellationToken);
    }

    public async Task<WorkflowResult> ResumeAsync<TStage>(IWorkflowDefinition<TStage> workflow, Objective objective, IProgress<WorkflowEvent> progress, RunOverrides? runOverrides = null, CancellationToken cancellationToken = default)
        where TStage : struct, Enum
    {
        if (!await _client!.ResumeAsync(_runId, runOverrides))
        {
            throw new WorkflowStateException($"The cluster has no stopped run '{_runId}' to resume.");
        }

        return await WatchAsync(progress, cancellationToken);
    }

    public async Task<SavedRun<TStage>> SavedAsync<TStage>(IWorkflowDefinition<TStage> workflow)
        where TStage : struct, Enum =>
        await ClusterRunState.LoadAsync(workflow, _backend, ServiceId, _runId) ?? throw new InvalidOperationException("The run saved nothing.");

    public async ValueTask DisposeAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.StopAllSilosAsync();
            await _cluster.DisposeAsync();
        }

        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }

    /// <summary>Follows the run to its end; the caller's token cancels the run itself, which then ends as cancelled.</summary>
    private async Task<WorkflowResult> WatchAsync(IProgress<WorkflowEvent> progress, CancellationToken cancellationToken)
    {
        TeamBotClusterClient client = _client!;
        string runId = _runId;
        RunProgress end;
        using (cancellationToken.Register(() => _ = client.CancelAsync(runId)))
        {
            end = await client.WatchAsync(runId, progress, CancellationToken.None).WaitAsync(TimeSpan.FromMinutes(2), CancellationToken.None);
        }

        cancellationToken.ThrowIfCancellationRequested();
        return end.ToResult($"cluster run {runId}", RunDirectory);
    }

    private async Task<TeamBotClusterClient> StartAsync<TStage>(IWorkflowDefinition<TStage> workflow, AgentRegistry agents, WorkflowRunnerOptions options)
        where TStage : struct, Enum
    {
        await Building.WaitAsync();
        try
        {
            s_setup = silo => silo.AddTeamBot(workflow, agents, cluster =>
            {
                cluster.Backend = _backend;
                cluster.RunsDirectory = _root;
                cluster.Runner = options with { WorkingDirectory = _root };
                cluster.RetryDelay = TimeSpan.FromMilliseconds(50);
            });
            var builder = new TestClusterBuilder(1);
            builder.Options.ServiceId = ServiceId;
            builder.AddSiloBuilderConfigurator<Setup>();
            _cluster = builder.Build();
            await _cluster.DeployAsync();
        }
        finally
        {
            s_setup = null;
            Building.Release();
        }

        return new TeamBotClusterClient(_cluster.Client) { PollInterval = TimeSpan.FromMilliseconds(10) };
    }

    private sealed class Setup : ISiloConfigurator
    {
        public void Configure(ISiloBuilder siloBuilder) => (s_setup ?? throw new InvalidOperationException("No cluster is being built."))(siloBuilder);
    }
}
