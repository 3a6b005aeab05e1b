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
/// Runs a generated workflow in this process with a team of agents: stages in order, parallel groups concurrently,
/// review loops, the acceptance-test gate and time limits, saving the state after every step so that a crash resumes
/// where it stopped.
/// </summary>
/// <typeparam name="TStage">The generated stage enum.</typeparam>
/// <remarks>
/// The in-process host of <see cref="RunDriver{TStage}"/>: agents run here, the state is in <see cref="IWorkflowStateStore"/>
/// (a file, or memory), and the store's lock keeps a second process from running the same run.
/// </remarks>
public sealed class WorkflowRunner<TStage>
    where TStage : struct, Enum
{
    private readonly RunDriver<TStage> _driver;
    private readonly IWorkflowStateStore _store;

    /// <summary>Initializes a new instance of the <see cref="WorkflowRunner{TStage}"/> class.</summary>
    /// <param name="workflow">The generated workflow (for example <c>Workflow.Definition</c>).</param>
    /// <param name="agents">The agents by the ids stages.yaml uses.</param>
    /// <param name="store">Where the run's state is kept (for example a <see cref="FileStateStore"/>).</param>
    /// <param name="options">How to run; defaults when <see langword="null"/>.</param>
    public WorkflowRunner(IWorkflowDefinition<TStage> workflow, AgentRegistry agents, IWorkflowStateStore store, WorkflowRunnerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        _driver = new RunDriver<TStage>(workflow, agents, options);
        _store = store;
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
        return await _driver.StartAsync(_store, objective, RunDirectory(objective), progress, cancellationToken).ConfigureAwait(false);
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
        return await _driver.ResumeAsync(_store, objective, RunDirectory(objective), progress, timeBudget, cancellationToken).ConfigureAwait(false);
    }

    private string RunDirectory(Objective objective) =>
        _driver.Options.RunDirectory
        ?? (_store as FileStateStore)?.RunDirectory
        ?? Path.Combine(Directory.GetCurrentDirectory(), ".teambot", objective.FeatureName);
}
