using System;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using TeamBot.Agents;
using TeamBot.Definitions;
using TeamBot.Execution.Checkpoints;
using TeamBot.Objectives;
using TeamBot.Rules;
using TeamBot.State;

namespace TeamBot.Execution;

/// <summary>
/// Drives runs of one workflow: feeds events to <see cref="ExecutionRules{TStage}"/> and carries out every command they
/// give, with the group scheduler, the journal and snapshots, progress events, the time budget, cancellation and
/// telemetry. Every host uses it: a host only chooses where the agents run (the <see cref="AgentRegistry"/>) and
/// where the state is kept (the <see cref="IWorkflowStateStore"/>).
/// </summary>
/// <typeparam name="TStage">The generated stage enum.</typeparam>
/// <remarks>One driver serves any number of runs at once; each call runs one session of one run.</remarks>
public sealed class RunDriver<TStage> : IRunDriver
    where TStage : struct, Enum
{
    private readonly AgentRegistry _agents;

    /// <summary>Initializes a new instance of the <see cref="RunDriver{TStage}"/> class.</summary>
    /// <param name="workflow">The generated workflow (for example <c>Workflow.Definition</c>).</param>
    /// <param name="agents">The agents by the ids stages.yaml uses; a host that runs them elsewhere passes proxies.</param>
    /// <param name="options">How to run; defaults when <see langword="null"/>.</param>
    public RunDriver(IWorkflowDefinition<TStage> workflow, AgentRegistry agents, WorkflowRunnerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(workflow);
        ArgumentNullException.ThrowIfNull(agents);
        Workflow = workflow;
        _agents = agents;
        Options = options ?? new WorkflowRunnerOptions();
        Rules = new ExecutionRules<TStage>(workflow, Options.Policy);
        Mapper = new RunStateMapper<TStage>(workflow);
        Logger = Options.LoggerFactory.CreateLogger("TeamBot.Workflow");
    }

    /// <summary>Gets the workflow.</summary>
    public IWorkflowDefinition<TStage> Workflow { get; }

    /// <inheritdoc/>
    public string WorkflowName => Workflow.Name;

    /// <summary>Gets the options.</summary>
    public WorkflowRunnerOptions Options { get; }

    /// <inheritdoc/>
    public IRunDriver WithOverrides(RunOverrides runOverrides)
    {
        ArgumentNullException.ThrowIfNull(runOverrides);
        return runOverrides == RunOverrides.None ? this : new RunDriver<TStage>(Workflow, _agents, runOverrides.ApplyTo(Options));
    }

    internal ExecutionRules<TStage> Rules { get; }

    internal RunStateMapper<TStage> Mapper { get; }

    internal ILogger Logger { get; }

    /// <summary>Starts a new run of <paramref name="objective"/> in <paramref name="store"/>.</summary>
    /// <param name="store">Where the run's state is kept; it must hold no run. The caller holds its lock, if any.</param>
    /// <param name="objective">What the run is for.</param>
    /// <param name="runDirectory">The run's folder, for <c>artifacts/</c> and <c>failures/</c>.</param>
    /// <param name="progress">Receives each start, completion and failure once, in order.</param>
    /// <param name="cancellationToken">Cancels the run, inside a stage as well as between stages.</param>
    /// <returns>How the run ended.</returns>
    /// <exception cref="OperationCanceledException">The run was cancelled; its state was saved as <c>cancelled</c>.</exception>
    /// <exception cref="WorkflowStateException">The store already holds a run.</exception>
    /// <exception cref="RunFencedException">The store is an <see cref="IRunFence"/> and another session took the run over.</exception>
    public async Task<WorkflowResult> StartAsync(IWorkflowStateStore store, Objective objective, string runDirectory, IProgress<WorkflowEvent>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(objective);
        ArgumentException.ThrowIfNullOrWhiteSpace(runDirectory);
        if (await store.LoadAsync(cancellationToken).ConfigureAwait(false) is not null)
        {
            throw new WorkflowStateException($"A run already exists at '{store.Location}'. Resume it, or delete it to start over.");
        }

        RunMetadata metadata = Metadata(objective, TimeSpan.Zero, TimeBudgetOf(null)) with { Budget = BudgetOf(null) };
        var recorder = new RunRecorder<TStage>(Workflow, store, Mapper, Options, null, 0);
        return await Session(store, recorder, objective, metadata, new RunState<TStage>(), runDirectory, progress).RunAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Continues the run saved in <paramref name="store"/> where it stopped: completed stages are not run again.</summary>
    /// <param name="store">Where the run's state is kept. The caller holds its lock, if any.</param>
    /// <param name="objective">What the run is for.</param>
    /// <param name="runDirectory">The run's folder, for <c>artifacts/</c> and <c>failures/</c>.</param>
    /// <param name="progress">Receives each start, completion and failure once, in order.</param>
    /// <param name="timeBudget">A new time budget for the whole run; <see langword="null"/> keeps the saved one.</param>
    /// <param name="cancellationToken">Cancels the run.</param>
    /// <returns>How the run ended.</returns>
    /// <exception cref="OperationCanceledException">The run was cancelled; its state was saved as <c>cancelled</c>.</exception>
    /// <exception cref="WorkflowStateException">There is no saved run, it is corrupt, or it names stages this workflow lacks.</exception>
    /// <exception cref="RunFencedException">The store is an <see cref="IRunFence"/> and another session took the run over.</exception>
    public async Task<WorkflowResult> ResumeAsync(IWorkflowStateStore store, Objective objective, string runDirectory, IProgress<WorkflowEvent>? progress = null, TimeSpan? timeBudget = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(objective);
        ArgumentException.ThrowIfNullOrWhiteSpace(runDirectory);
        SavedRun<TStage> saved = await SavedRun.LoadAsync(Workflow, store, cancellationToken).ConfigureAwait(false)
            ?? throw new WorkflowStateException($"There is no run to resume at '{store.Location}'.");
        OrchestrationStateDocument document = saved.Document;
        TimeSpan budget = timeBudget ?? TimeBudgetOf(document);
        // The saved names stay: the run's folder is named for its feature, which a parser change (or the Python
        // TeamBot, which wrote it) may derive differently from the objective today.
        RunMetadata metadata = Metadata(objective, TimeSpan.FromSeconds(document.ElapsedSeconds), budget) with
        {
            ObjectiveFile = document.ObjectiveFile ?? objective.SourcePath,
            FeatureName = string.IsNullOrEmpty(document.FeatureName) ? objective.FeatureName : document.FeatureName,
            Agent = Options.Agent ?? document.Agent?.ToAgent(),
            Budget = BudgetOf(document),
        };
        var recorder = new RunRecorder<TStage>(Workflow, store, Mapper, Options, document, saved.JournalSequence);
        return await Session(store, recorder, objective, metadata, saved.State, runDirectory, progress).RunAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The time budget a session runs under, as <see cref="BudgetOf"/> chooses the token and cost budget.</summary>
    private TimeSpan TimeBudgetOf(OrchestrationStateDocument? saved) =>
        saved is { MaxSeconds: > 0 } ? TimeSpan.FromSeconds(saved.MaxSeconds) : Options.TimeBudget ?? Workflow.Budget.Time ?? WorkflowRunnerOptions.DefaultTimeBudget;

    /// <summary>
    /// The budget a session runs under, field by field: what is given now (a larger token budget, say, after the run
    /// stopped on its budget), else what was saved with a resumed run, else what stages.yaml declares.
    /// </summary>
    private RunBudget? BudgetOf(OrchestrationStateDocument? saved)
    {
        RunBudget? given = Options.Budget;
        RunBudget? kept = saved is null ? null : SavedBudget.Of(saved);
        RunBudget? declared = RunBudget.From(Workflow.Budget);
        long? tokens = given?.Tokens ?? kept?.Tokens ?? declared?.Tokens;
        decimal? cost = given?.Cost ?? kept?.Cost ?? declared?.Cost;
        ImmutableArray<ModelPrice> prices = new[] { given?.Prices, kept?.Prices, Workflow.Budget.Prices }
            .FirstOrDefault(list => list is { IsDefaultOrEmpty: false }) ?? [];
        return tokens is null && cost is null ? null : new RunBudget { Tokens = tokens, Cost = cost, Prices = prices };
    }

    private RunMetadata Metadata(Objective objective, TimeSpan elapsed, TimeSpan budget) =>
        new(objective.SourcePath, objective.FeatureName, Options.StagesConfigSource ?? Workflow.SourceFileName, elapsed, budget) { Agent = Options.Agent };

    private RunSession<TStage> Session(IWorkflowStateStore store, RunRecorder<TStage> recorder, Objective objective, RunMetadata metadata, RunState<TStage> state, string runDirectory, IProgress<WorkflowEvent>? progress)
    {
        string directory = Path.GetFullPath(runDirectory);
        // A store that can be taken over by another session fences every side effect of this one (see IRunFence).
        IRunFence? fence = store as IRunFence;
        var reporter = new ProgressReporter<TStage>(Workflow, progress, Options.TimeProvider, Logger);
        string workspace = Path.GetFullPath(Options.WorkingDirectory ?? Directory.GetCurrentDirectory());
        var checkpoints = new WorkspaceCheckpoints(workspace, directory, Options.FileSystem, Logger);
        var budget = new BudgetGuard(metadata.Budget, state.Usage.Select(line => new AgentUsage(line.Agent, line.Model, line.Tokens)));
        var work = new StageWork<TStage>(Workflow, _agents, Options, objective, workspace, Path.Combine(directory, "artifacts"), fence, reporter, checkpoints, budget, Logger);
        return new RunSession<TStage>(this, recorder, metadata, state, work, fence, reporter, checkpoints, store.Location, directory);
    }
}
