using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using TeamBot.Agents;
using TeamBot.Definitions;
using TeamBot.Objectives;
using TeamBot.State;

namespace TeamBot.Execution;

/// <summary>
/// Runs a generated workflow with a team of agents: stages in order, parallel groups concurrently, review loops, the
/// acceptance-test gate and time limits, saving the state after every step so that a crash resumes where it stopped.
/// </summary>
/// <typeparam name="TStage">The generated stage enum.</typeparam>
/// <remarks>
/// The decisions are made by <see cref="ExecutionRules{TStage}"/>, a pure function; this class only carries them out.
/// </remarks>
public sealed class WorkflowRunner<TStage>
    where TStage : struct, Enum
{
    private readonly IWorkflowDefinition<TStage> _workflow;
    private readonly AgentRegistry _agents;
    private readonly IWorkflowStateStore _store;
    private readonly WorkflowRunnerOptions _options;
    private readonly RunStateMapper<TStage> _mapper;

    /// <summary>Initializes a new instance of the <see cref="WorkflowRunner{TStage}"/> class.</summary>
    /// <param name="workflow">The generated workflow (for example <c>Workflow.Definition</c>).</param>
    /// <param name="agents">The agents by the ids stages.yaml uses.</param>
    /// <param name="store">Where the run's state is kept (for example a <see cref="FileStateStore"/>).</param>
    /// <param name="options">How to run; defaults when <see langword="null"/>.</param>
    public WorkflowRunner(IWorkflowDefinition<TStage> workflow, AgentRegistry agents, IWorkflowStateStore store, WorkflowRunnerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(workflow);
        ArgumentNullException.ThrowIfNull(agents);
        ArgumentNullException.ThrowIfNull(store);
        _workflow = workflow;
        _agents = agents;
        _store = store;
        _options = options ?? new WorkflowRunnerOptions();
        _mapper = new RunStateMapper<TStage>(workflow);
    }

    /// <summary>Starts a new run of <paramref name="objective"/>.</summary>
    /// <param name="objective">What the run is for.</param>
    /// <param name="progress">Receives each start, completion and failure once, in order.</param>
    /// <param name="cancellationToken">Cancels the run, inside a stage as well as between stages.</param>
    /// <returns>How the run ended: completed, failed, review or acceptance failed, or out of time.</returns>
    /// <exception cref="OperationCanceledException">The run was cancelled; its state was saved as <c>cancelled</c>.</exception>
    /// <exception cref="WorkflowStateException">The store already holds a run (resume it instead), or another process runs it.</exception>
    public async Task<WorkflowResult> RunAsync(Objective objective, IProgress<WorkflowEvent>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(objective);
        using IDisposable claim = _store.Lock();
        if (await _store.LoadAsync(cancellationToken).ConfigureAwait(false) is not null)
        {
            throw new WorkflowStateException($"A run already exists at '{_store.Location}'. Resume it, or delete it to start over.");
        }

        RunMetadata metadata = Metadata(objective, TimeSpan.Zero, _options.TimeBudget);
        return await Session(objective, metadata, new RunState<TStage>(), null, 0, progress).RunAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Continues a stopped run where it stopped: completed stages are not run again.</summary>
    /// <param name="objective">What the run is for.</param>
    /// <param name="progress">Receives each start, completion and failure once, in order.</param>
    /// <param name="timeBudget">A new time budget for the whole run; <see langword="null"/> keeps the saved one.</param>
    /// <param name="cancellationToken">Cancels the run.</param>
    /// <returns>How the run ended.</returns>
    /// <exception cref="OperationCanceledException">The run was cancelled; its state was saved as <c>cancelled</c>.</exception>
    /// <exception cref="WorkflowStateException">There is no saved run, it is corrupt, or it names stages this workflow lacks.</exception>
    public async Task<WorkflowResult> ResumeAsync(Objective objective, IProgress<WorkflowEvent>? progress = null, TimeSpan? timeBudget = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(objective);
        using IDisposable claim = _store.Lock();
        SavedRun<TStage> saved = await SavedRun.LoadAsync(_workflow, _store, cancellationToken).ConfigureAwait(false)
            ?? throw new WorkflowStateException($"There is no run to resume at '{_store.Location}'.");
        OrchestrationStateDocument document = saved.Document;
        TimeSpan budget = timeBudget ?? (document.MaxSeconds > 0 ? TimeSpan.FromSeconds(document.MaxSeconds) : _options.TimeBudget);
        RunMetadata metadata = Metadata(objective, TimeSpan.FromSeconds(document.ElapsedSeconds), budget) with
        {
            ObjectiveFile = document.ObjectiveFile ?? objective.SourcePath,
        };
        return await Session(objective, metadata, saved.State, document, saved.JournalSequence, progress).RunAsync(cancellationToken).ConfigureAwait(false);
    }

    private RunMetadata Metadata(Objective objective, TimeSpan elapsed, TimeSpan budget) =>
        new(objective.SourcePath, objective.FeatureName, _options.StagesConfigSource ?? _workflow.SourceFileName, elapsed, budget);

    private RunSession<TStage> Session(Objective objective, RunMetadata metadata, RunState<TStage> state, OrchestrationStateDocument? previous, long journalSequence, IProgress<WorkflowEvent>? progress)
    {
        string runDirectory = _options.RunDirectory
            ?? (_store as FileStateStore)?.RunDirectory
            ?? Path.Combine(Directory.GetCurrentDirectory(), ".teambot", objective.FeatureName);
        return new RunSession<TStage>(_workflow, _agents, _store, _mapper, _options, objective, metadata, state, previous, journalSequence, progress, Path.GetFullPath(runDirectory));
    }
}
