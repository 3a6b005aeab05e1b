using System;
using System.Globalization;
using TeamBot.Agents;
using TeamBot.Definitions;
using TeamBot.Rules;

namespace TeamBot.Execution.Checkpoints;

/// <summary>
/// Names one piece of a stage's work (the stage, the task, the iteration), so that the checkpoint taken when the work
/// started is found again by the work's result, or by the same work asked for again after a crash.
/// </summary>
internal static class CheckpointKey
{
    /// <summary>The key of a command whose agents may write the workspace; <see langword="null"/> for one that only reads (a review).</summary>
    public static string? Of<TStage>(IWorkflowDefinition<TStage> workflow, ExecutionCommand<TStage> command)
        where TStage : struct, Enum => command switch
        {
            RunStageWork<TStage> c => Key(workflow, c.Stage, AgentTask.Work, 1),
            RunReviewWork<TStage> c => Key(workflow, c.Stage, AgentTask.ReviseWork, c.Iteration),
            RunAcceptanceTests<TStage> c => Key(workflow, c.Stage, AgentTask.RunAcceptanceTests, c.Iteration),
            FixAcceptanceFailures<TStage> c => Key(workflow, c.Stage, AgentTask.FixAcceptanceFailures, c.Iteration),
            _ => null,
        };

    /// <summary>The key of the work a successful result reports; <see langword="null"/> for failures and other events.</summary>
    /// <remarks>A failure keeps its checkpoint: the work, asked for again, starts from where the failed attempt started.</remarks>
    public static string? OfSuccess<TStage>(IWorkflowDefinition<TStage> workflow, ExecutionEvent<TStage> @event)
        where TStage : struct, Enum => @event switch
        {
            StageSucceeded<TStage> e => Key(workflow, e.Stage, AgentTask.Work, 1),
            ReviewWorkDone<TStage> e => Key(workflow, e.Stage, AgentTask.ReviseWork, e.Iteration),
            AcceptanceTestsRan<TStage> e => Key(workflow, e.Stage, AgentTask.RunAcceptanceTests, e.Iteration),
            AcceptanceFixApplied<TStage> e => Key(workflow, e.Stage, AgentTask.FixAcceptanceFailures, e.Iteration),
            _ => null,
        };

    private static string Key<TStage>(IWorkflowDefinition<TStage> workflow, TStage stage, AgentTask task, int iteration)
        where TStage : struct, Enum =>
        string.Create(CultureInfo.InvariantCulture, $"{workflow.GetStageName(stage)}.{task}.{iteration}");
}
