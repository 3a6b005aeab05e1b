using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Hosting;
using Orleans.TestingHost;
using TeamBot.Agents;
using TeamBot.Definitions;
using TeamBot.Execution;
using TeamBot.Orleans.Contracts;
using TeamBot.Orleans.Hosting;
using TeamBot.Orleans.Storage;
using TeamBot.Rules;
using TeamBot.State;
using TeamBot.Testing;
using TeamBot.Tests.Durability.Cluster;

namespace TeamBot.Tests.Durability;

/// <summary>
/// Runs the crash matrix on an Orleans test cluster in this process, as <c>teambot run --cluster</c> does: a run grain
/// hosts the driver and keeps the run in grain storage, the agents' calls go to worker grains. The silo's agents, clock
/// and store decorator (<see cref="IRunStoreDecorator"/>) serve the current trial, so its scripted team answers every
/// call and its crashing store takes every write.
/// </summary>
/// <remarks>
/// A crash takes its silo with it: once the grain has let go of the crashed session's store (its driver has returned,
/// after every worker it called had answered, so that session does nothing more), the host kills the silo, starts a new one and reconnects the client; the next session
/// wakes the run on a fresh activation, which loads it from grain storage (a backend outside the silos, which outlives
/// them) and resumes it, and the host asks for a resume as <c>teambot resume --cluster</c> does. The caller's cancellation
/// cancels the run through the client, as <c>teambot cancel --cluster</c> does.
/// </remarks>
/// <typeparam name="TStage">The generated stage enum.</typeparam>
public sealed class ClusterCrashTestHost<TStage> : ICrashTestHost<TStage>, IAsyncDisposable
    where TStage : struct, Enum
{
    private const string ServiceId = "teambot-crash-matrix";
    private const string SetupKey = "TeamBotCrashTestHost";
    private static readonly TimeSpan SessionTimeout = TimeSpan.FromMinutes(2);

    // Silo configurators are created by type, on every silo start (restarts too): each finds its host's setup by the key
    // that the host put in the cluster's configuration.
    private static readonly ConcurrentDictionary<string, Action<ISiloBuilder>> Setups = new();

    private readonly IWorkflowDefinition<TStage> _workflow;
    private readonly WorkflowRunnerOptions _options;
    private readonly string _id = Guid.NewGuid().ToString("N");
    private readonly InMemoryJsonStateBackend _backend = new();
    private readonly CurrentTrial _current = new();
    private readonly HashSet<string> _submitted = new(StringComparer.Ordinal);
    private TestCluster? _cluster;

    /// <summary>Initializes a new instance of the <see cref="ClusterCrashTestHost{TStage}"/> class.</summary>
    /// <param name="workflow">The generated workflow.</param>
    /// <param name="options">How to run (policy, concurrency...); the clock and the folders are the matrix's own.</param>
    public ClusterCrashTestHost(IWorkflowDefinition<TStage> workflow, WorkflowRunnerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(workflow);
        _workflow = workflow;
        _options = options ?? new WorkflowRunnerOptions();
        Root = Path.Combine(Path.GetTempPath(), "teambot-cluster-crash-matrix-" + _id[..8]);
    }

    /// <summary>Gets the silos' runs folder, which holds every trial's run folder.</summary>
    public string Root { get; }

    /// <summary>
    /// Gets how long each worker waits before it starts its agent, as a worker slow to start under load: work in flight
    /// when a session stops then starts after the stop, and the session must still wait for it before it ends.
    /// </summary>
    public TimeSpan AgentStartDelay { get; init; }

    /// <summary>Gets how many times a silo was killed and replaced.</summary>
    public int SiloRestarts { get; private set; }

    /// <inheritdoc/>
    public async Task RunSessionAsync(CrashTrial trial, bool hasSavedState, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(trial);
        TestCluster cluster = _cluster ??= await DeployAsync();
        var session = new ClusterTrialSession(trial);
        _current.Begin(session);
        var client = new TeamBotClusterClient(cluster.Client) { PollInterval = TimeSpan.FromMilliseconds(10) };
        // Submitted once: a run that crashed before its first write has no saved state, but the cluster knows it, and
        // its new activation starts it afresh.
        if (_submitted.Add(trial.Id))
        {
            if (!(await client.SubmitAsync(trial.Objective, trial.Id)).Started)
            {
                throw new InvalidOperationException($"The cluster already has a run '{trial.Id}'.");
            }
        }
        else if (!await client.ResumeAsync(trial.Id))
        {
            // After a cancel the call resumes the run; after a crash it wakes the run on the new silo, whose fresh
            // activation resumes it from grain storage. Either way the run was stopped, so a refusal is a lost resume.
            throw new InvalidOperationException($"The cluster refused to resume run '{trial.Id}', as if it had no stopped run of that name, or it were running.");
        }

        using var stopWatching = new CancellationTokenSource();
        Task<RunProgress> watching = client.WatchAsync(trial.Id, null, stopWatching.Token);
        try
        {
            // The caller's token cancels the run through the client. Off the canceller's thread: the scripted team cancels
            // from inside an agent call, on a worker grain's turn.
            using (cancellationToken.Register(() => _ = Task.Run(() => client.CancelAsync(trial.Id), CancellationToken.None)))
            {
                await Task.WhenAny(watching, session.Crashed).WaitAsync(SessionTimeout, CancellationToken.None);
            }
        }
        catch (TimeoutException)
        {
            session.Abandon();
            await stopWatching.CancelAsync();
            await RestartSiloAsync();
            throw new TimeoutException($"The session of run '{trial.Id}' neither ended nor crashed within {SessionTimeout.TotalSeconds} s; its silo was killed.");
        }

        if (session.Crashed.IsCompleted)
        {
            await stopWatching.CancelAsync();
            await Task.WhenAny(watching);
            await SessionEndedAsync(session);
            await RestartSiloAsync();
            throw new SimulatedCrashException($"{session.Crashed.Result.Message} The silo was killed and a new one started.", session.Crashed.Result);
        }

        RunProgress end = await watching;
        await SessionEndedAsync(session);
        if (session.Anomaly is { } anomaly)
        {
            throw new InvalidOperationException(anomaly);
        }

        if (end.Status == RunStatus.Cancelled)
        {
            cancellationToken.ThrowIfCancellationRequested();
            throw new InvalidOperationException($"Run '{trial.Id}' ended cancelled, but nobody cancelled it: the cluster did not resume it.");
        }
    }

    /// <inheritdoc/>
    public IWorkflowStateStore OpenStore(CrashTrial trial)
    {
        ArgumentNullException.ThrowIfNull(trial);
        return ClusterRunState.Open(_backend, ServiceId, trial.Id);
    }

    /// <inheritdoc/>
    public string GetRunDirectory(CrashTrial trial)
    {
        ArgumentNullException.ThrowIfNull(trial);
        return Path.Combine(Root, trial.Id);
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.StopAllSilosAsync();
            await _cluster.DisposeAsync();
        }

        Setups.TryRemove(_id, out _);
        if (Directory.Exists(Root))
        {
            Directory.Delete(Root, recursive: true);
        }
    }

    /// <summary>Waits until the grain has let go of the session's store: its driver has returned, and did all it was going to.</summary>
    private static async Task SessionEndedAsync(ClusterTrialSession session)
    {
        try
        {
            await session.Ended.WaitAsync(SessionTimeout);
        }
        catch (TimeoutException)
        {
            session.Abandon();
            throw new TimeoutException($"The grain kept the store of a session of run '{session.Trial.Id}' for {SessionTimeout.TotalSeconds} s after the session ended or crashed.");
        }
    }

    /// <summary>Kills the silo abruptly, as a crashed process, and starts a new one; the client reconnects to it.</summary>
    private async Task RestartSiloAsync()
    {
        TestCluster cluster = _cluster!;
        await cluster.KillClientAsync();
        foreach (SiloHandle silo in cluster.Silos.ToArray())
        {
            await cluster.KillSiloAsync(silo);
        }

        // The only silo, so also the one that keeps the test cluster's membership: the new one starts a fresh cluster
        // on the same ports, and only grain storage carries the runs over.
        await cluster.StartAdditionalSiloAsync();
        await cluster.InitializeClientAsync();
        SiloRestarts++;
    }

    private async Task<TestCluster> DeployAsync()
    {
        Setups[_id] = silo =>
        {
            silo.AddTeamBot(_workflow, AgentRegistry.ForAll(new TrialAgent(_current, AgentStartDelay)), cluster =>
            {
                cluster.Backend = _backend;
                cluster.RunsDirectory = Root;
                cluster.Runner = _options with { TimeProvider = new TrialClock(_current), WorkingDirectory = Root };
                cluster.RetryDelay = TimeSpan.FromMilliseconds(50);

                // The matrix decides when a run resumes: a watchdog tick between sessions would resume it behind its back.
                cluster.WatchdogInterval = TimeSpan.FromDays(1);
            });
            silo.Services.AddSingleton<IRunStoreDecorator>(new TrialStoreDecorator(_current));
        };

        var builder = new TestClusterBuilder(1);
        builder.Options.ServiceId = ServiceId;

        // A log file per silo would be hundreds per matrix, one per crash; turn this on to read a divergence's silo logs.
        builder.Options.ConfigureFileLogging = false;
        builder.Properties[SetupKey] = _id;
        builder.AddSiloBuilderConfigurator<Setup>();
        TestCluster cluster = builder.Build();
        await cluster.DeployAsync();
        return cluster;
    }

    private sealed class Setup : ISiloConfigurator
    {
        public void Configure(ISiloBuilder siloBuilder)
        {
            string? id = siloBuilder.Configuration[SetupKey];
            (id is not null && Setups.TryGetValue(id, out var setup) ? setup : throw new InvalidOperationException("No crash-test host set this cluster up."))(siloBuilder);
        }
    }
}
