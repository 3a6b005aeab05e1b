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

    public void Report(Notify<TStage> notify) => Report(notify.Kind, notify.Stage, notify.Group, notify.Iteration, notify.Detail);

    public void Report(WorkflowEventKind kind, TStage? stage, string? group, int? iteration, string? detail, string? agent = null)
    {
        var @event = new WorkflowEvent(kind, time.GetUtcNow(), stage is { } s ? workflow.GetStageName(s) : null, group, iteration, detail) { Agent = agent };
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
