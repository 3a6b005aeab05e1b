using System;
using System.Collections.Generic;
using System.Threading;
using Microsoft.Extensions.Logging;
using TeamBot.Definitions;
using TeamBot.Rules;
using TeamBot.Telemetry;

namespace TeamBot.Execution;

/// <summary>Tells the caller's listener, the log and the metrics of each progress event, once and in order.</summary>
internal sealed class ProgressReporter<TStage>(IWorkflowDefinition<TStage> workflow, IProgress<WorkflowEvent>? progress, TimeProvider time, ILogger logger)
    where TStage : struct, Enum
{
    // Group members start from the scheduler's workers, everything else from the run's loop.
    private readonly Lock _gate = new();

    /// <summary>Reports what the rules notify, with what the run's state adds: its status and time when it ends.</summary>
    public void Report(Notify<TStage> notify, RunStatus status, TimeSpan elapsed) =>
        Report(notify.Kind, notify.Stage, notify.Group, notify.Iteration, notify.Detail, ending: notify.Kind is WorkflowEventKind.RunCompleted or WorkflowEventKind.RunStopped ? (status, elapsed) : null);

    /// <summary>Reports the tokens an agent call used.</summary>
    public void ReportTokens(TStage stage, int? iteration, AgentUsage usage) =>
        Report(WorkflowEventKind.TokensUsed, stage, workflow.GetGroupOf(stage)?.Name, iteration, null, usage.Agent, tokens: usage.Tokens);

    public void Report(WorkflowEventKind kind, TStage? stage, string? group, int? iteration, string? detail, string? agent = null, (RunStatus Status, TimeSpan Elapsed)? ending = null, TokenUsage? tokens = null)
    {
        var @event = new WorkflowEvent(kind, time.GetUtcNow(), stage is { } s ? workflow.GetStageName(s) : null, group, iteration, detail)
        {
            Agent = agent ?? (kind is WorkflowEventKind.MemberStarted or WorkflowEventKind.MemberCompleted or WorkflowEventKind.MemberFailed && stage is { } member ? AgentOf(member) : null),
            AllSucceeded = kind switch { WorkflowEventKind.GroupCompleted => true, WorkflowEventKind.GroupFailed => false, _ => null },
            Status = ending?.Status,
            Elapsed = ending?.Elapsed,
            Tokens = tokens,
        };
        Log.Progress(logger, @event);
        Count(@event);
        if (progress is not null)
        {
            lock (_gate)
            {
                progress.Report(@event);
            }
        }
    }

    /// <summary>The agent that does a stage's work: its work agent, its first parallel agent, or its reviewer.</summary>
    private string? AgentOf(TStage stage)
    {
        StageDescriptor<TStage> descriptor = workflow.GetStage(stage);
        return descriptor.WorkAgent ?? (descriptor.ParallelAgents.IsEmpty ? descriptor.ReviewAgent : descriptor.ParallelAgents[0]);
    }

    private static void Count(WorkflowEvent @event)
    {
        switch (@event.Kind)
        {
            case WorkflowEventKind.StageCompleted or WorkflowEventKind.MemberCompleted:
                WorkflowTelemetry.StagesCompleted.Add(1, new KeyValuePair<string, object?>("teambot.stage", @event.Stage));
                break;
            case WorkflowEventKind.StageFailed or WorkflowEventKind.MemberFailed:
                WorkflowTelemetry.StageFailures.Add(1, new KeyValuePair<string, object?>("teambot.stage", @event.Stage));
                break;
            case WorkflowEventKind.ReviewIterationCompleted:
                WorkflowTelemetry.ReviewIterations.Add(1, new KeyValuePair<string, object?>("teambot.stage", @event.Stage));
                break;
        }
    }
}
