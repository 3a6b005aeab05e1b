using System;
using System.Threading;
using System.Threading.Tasks;
using TeamBot.Objectives;
using TeamBot.State;

namespace TeamBot.Execution;

/// <summary>
/// A <see cref="RunDriver{TStage}"/> seen by a host that need not know the stage type: a grain, a service, a queue
/// worker. The host gives the store and the run's folder; the driver does the rest.
/// </summary>
public interface IRunDriver
{
    /// <summary>Gets the workflow's name.</summary>
    string WorkflowName { get; }

    /// <summary>Gets the options the driver runs with.</summary>
    WorkflowRunnerOptions Options { get; }

    /// <summary>Gets a driver of the same workflow and agents that runs with <paramref name="runOverrides"/> applied.</summary>
    IRunDriver WithOverrides(RunOverrides runOverrides);

    /// <inheritdoc cref="RunDriver{TStage}.StartAsync"/>
    Task<WorkflowResult> StartAsync(IWorkflowStateStore store, Objective objective, string runDirectory, IProgress<WorkflowEvent>? progress = null, CancellationToken cancellationToken = default);

    /// <inheritdoc cref="RunDriver{TStage}.ResumeAsync"/>
    Task<WorkflowResult> ResumeAsync(IWorkflowStateStore store, Objective objective, string runDirectory, IProgress<WorkflowEvent>? progress = null, TimeSpan? timeBudget = null, CancellationToken cancellationToken = default);
}
