using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using TeamBot.Definitions;
using TeamBot.Execution;
using TeamBot.Orleans.Contracts;
using TeamBot.State;

namespace TeamBot.Orleans.Driving;

/// <summary>Feeds a run's events to the rules and turns their commands into a <see cref="MachineStep"/>.</summary>
internal sealed class WorkflowRunMachine<TStage> : RunMachine
    where TStage : struct, Enum
{
    private readonly IWorkflowDefinition<TStage> _workflow;
    private readonly ExecutionRules<TStage> _rules;
    private readonly RunStateMapper<TStage> _mapper;
    private readonly JournalEventMapper<TStage> _events;
    private readonly string _runId;
    private readonly RunSubmission _submission;
    private readonly RunMetadata _metadata;
    private OrchestrationStateDocument? _previous;
    private RunState<TStage> _state;

    public WorkflowRunMachine(IWorkflowDefinition<TStage> workflow, ExecutionRules<TStage> rules, RunStateMapper<TStage> mapper, JournalEventMapper<TStage> events, string runId, RunSubmission submission, RunMetadata metadata, RunState<TStage> state, OrchestrationStateDocument? previous)
    {
        _workflow = workflow;
        _rules = rules;
        _mapper = mapper;
        _events = events;
        _runId = runId;
        _submission = submission;
        _metadata = metadata;
        _state = state;
        _previous = previous;
    }

    public override MachineStep Start() => Decide(new RunStarted<TStage>());

    public override MachineStep Apply(JournalEntry entry) => Decide(_events.ToEvent(entry, $"run '{_runId}'"));

    public override RunProgress Describe() => new()
    {
        RunId = _runId,
        Status = RunStatusText.ToText(_state.Status),
        CurrentStage = _state.CurrentStage is { } current ? _workflow.GetStageName(current) : null,
        CompletedStages = _workflow.StageOrder.Where(_state.Completed.Contains).Select(_workflow.GetStageName).ToList(),
        Error = _state.Error,
    };

    private MachineStep Decide(ExecutionEvent<TStage> @event)
    {
        Decision<TStage> decision = _rules.Decide(_state, @event);
        _state = decision.State;
        var step = new MachineStep();

        // One document per decision serves both the save and the agents' context: mapping the state is O(stages).
        OrchestrationStateDocument? document = null;
        byte[]? stateJson = null;
        OrchestrationStateDocument Document() => document ??= _mapper.ToDocument(_state, _metadata, _previous);
        byte[] StateJson() => stateJson ??= JsonSerializer.SerializeToUtf8Bytes(Document(), StateJsonContext.Default.OrchestrationStateDocument);
        foreach (ExecutionCommand<TStage> command in decision.Commands)
        {
            switch (command)
            {
                case SaveState<TStage>:
                    step.Snapshot = _previous = Document();
                    break;
                case Notify<TStage> notify:
                    step.Events.Add(new ProgressEvent
                    {
                        Kind = notify.Kind.ToString(),
                        Timestamp = DateTimeOffset.UtcNow,
                        Stage = notify.Stage is { } s ? _workflow.GetStageName(s) : null,
                        Group = notify.Group,
                        Iteration = notify.Iteration,
                        Detail = notify.Detail,
                    });
                    break;
                case FinishRun<TStage>:
                    step.Finished = true;
                    break;
                case WriteReviewFailureReport<TStage> report:
                    step.FailureReports.Add((_workflow.GetStageName(report.Stage), report.Attempts));
                    break;
                case RunGroupMembers<TStage> group:
                    step.GroupConcurrency[group.Group.Name] = group.Group.MaxConcurrency;
                    foreach (TStage member in group.Members)
                    {
                        step.Work.Add(Item(WorkKinds.Work, member, 0, null, null, group.Group.Name, StateJson()));
                    }

                    break;
                case RunStageWork<TStage> work:
                    step.Work.Add(Item(WorkKinds.Work, work.Stage, 0, null, null, null, StateJson()));
                    break;
                case RunReviewWork<TStage> review:
                    step.Work.Add(Item(WorkKinds.ReviewWork, review.Stage, review.Iteration, review.Feedback, review.PreviousAttempt, null, StateJson()));
                    break;
                case RunReview<TStage> review:
                    step.Work.Add(Item(WorkKinds.Review, review.Stage, review.Iteration, review.Work, null, null, StateJson()));
                    break;
                case RunAcceptanceTests<TStage> tests:
                    step.Work.Add(Item(WorkKinds.AcceptanceTests, tests.Stage, tests.Iteration, null, null, null, StateJson()));
                    break;
                case FixAcceptanceFailures<TStage> fix:
                    step.Work.Add(Item(WorkKinds.Fix, fix.Stage, fix.Iteration, fix.Report, null, null, StateJson()));
                    break;
                default:
                    throw new InvalidOperationException($"The cluster cannot carry out {command.GetType().Name}.");
            }
        }

        return step;
    }

    private WorkItem Item(string kind, TStage stage, int iteration, string? text, string? secondText, string? group, byte[] state) => new()
    {
        RunId = _runId,
        Kind = kind,
        Stage = _workflow.GetStageName(stage),
        Iteration = iteration,
        Text = text,
        SecondText = secondText,
        Group = group,
        StateJson = state,
        Submission = _submission,
    };
}
