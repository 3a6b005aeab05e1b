using System;
using System.Threading;
using System.Threading.Tasks;
using TeamBot.Agents;
using TeamBot.Definitions;
using TeamBot.Execution;
using TeamBot.Objectives;
using TeamBot.State;

namespace TeamBot.Tests.Hosts;

/// <summary>
/// A place a run can be hosted, as the behaviour suite sees it: in this process, or on an Orleans cluster. Every
/// behaviour the suite describes must hold on each; a host that lacks one fails its test.
/// </summary>
public interface IRunHost : IAsyncDisposable
{
    /// <summary>Gets the run's folder, with its artifacts and failure reports.</summary>
    string RunDirectory { get; }

    /// <summary>Starts a new run of <paramref name="objective"/> and waits for its end.</summary>
    /// <exception cref="OperationCanceledException">The run was cancelled through <paramref name="cancellationToken"/>, and saved so.</exception>
    Task<WorkflowResult> RunAsync<TStage>(IWorkflowDefinition<TStage> workflow, AgentRegistry agents, WorkflowRunnerOptions options, Objective objective, IProgress<WorkflowEvent> progress, CancellationToken cancellationToken = default)
        where TStage : struct, Enum;

    /// <summary>Resumes the run started by <see cref="RunAsync"/> and waits for its end.</summary>
    /// <param name="runOverrides">What the run sets for itself from now on (a new time budget, a larger token budget), as
    /// <c>teambot resume</c> gives it; <see langword="null"/> keeps what was saved.</param>
    Task<WorkflowResult> ResumeAsync<TStage>(IWorkflowDefinition<TStage> workflow, Objective objective, IProgress<WorkflowEvent> progress, RunOverrides? runOverrides = null, CancellationToken cancellationToken = default)
        where TStage : struct, Enum;

    /// <summary>Gets the run as its host saved it: the snapshot with the journal replayed.</summary>
    Task<SavedRun<TStage>> SavedAsync<TStage>(IWorkflowDefinition<TStage> workflow)
        where TStage : struct, Enum;
}
