using System;
using System.Collections.Immutable;
using System.Linq;
using TeamBot.Definitions;
using TeamBot.Rules;

namespace TeamBot.State;

/// <summary>Converts between the rules' events and journal entries, with stages by their persisted names.</summary>
internal sealed class JournalEventMapper<TStage>(IWorkflowDefinition<TStage> workflow)
    where TStage : struct, Enum
{
    private readonly int _maxIterations = new RunStateMapper<TStage>(workflow).MaxDeclaredIterations;

    public JournalEntry ToEntry(ExecutionEvent<TStage> @event, long sequence, TimeSpan elapsed)
    {
        var entry = new JournalEntry { Sequence = sequence, ElapsedSeconds = Math.Round(elapsed.TotalSeconds, 3) };
        switch (@event)
        {
            case StageSucceeded<TStage> e:
                (entry.Event, entry.Stage, entry.Text) = ("stage_succeeded", Name(e.Stage), e.Output);
                break;
            case StageFailed<TStage> e:
                (entry.Event, entry.Stage, entry.Text, entry.TimedOut) = ("stage_failed", Name(e.Stage), e.Error, e.TimedOut ? true : null);
                break;
            case ReviewWorkDone<TStage> e:
                (entry.Event, entry.Stage, entry.Iteration, entry.Text) = ("review_work_done", Name(e.Stage), e.Iteration, e.Work);
                break;
            case ReviewVerdictGiven<TStage> e:
                (entry.Event, entry.Stage, entry.Iteration, entry.Text, entry.Approved) = ("review_verdict_given", Name(e.Stage), e.Iteration, e.Review, e.Approved);
                break;
            case AcceptanceTestsRan<TStage> e:
                (entry.Event, entry.Stage, entry.Iteration, entry.Text) = ("acceptance_tests_ran", Name(e.Stage), e.Iteration, e.Report);
                (entry.Passed, entry.Failed, entry.Total) = (e.Passed, e.Failed, e.Total);
                break;
            case AcceptanceFixApplied<TStage> e:
                (entry.Event, entry.Stage, entry.Iteration, entry.Text) = ("acceptance_fix_applied", Name(e.Stage), e.Iteration, e.Summary);
                break;
            case TimeBudgetExhausted<TStage>:
                entry.Event = "time_budget_exhausted";
                break;
            case RunCancelled<TStage>:
                entry.Event = "run_cancelled";
                break;
            case BudgetExhausted<TStage> e:
                (entry.Event, entry.Text) = ("budget_exhausted", e.Reason);
                break;
            default:
                // RunStarted is never journaled: every session writes a snapshot right after it.
                throw new ArgumentException($"{@event.GetType().Name} is not journaled.", nameof(@event));
        }

        entry.ToolCalls = @event.ToolCalls.IsDefaultOrEmpty ? null : @event.ToolCalls.Select(ToolCallEntry.From).ToList();
        entry.Usage = @event.Usage.IsDefaultOrEmpty ? null : @event.Usage.Select(UsageEntry.From).ToList();
        return entry;
    }

    public ExecutionEvent<TStage> ToEvent(JournalEntry entry, string location)
    {
        StateValidator.Validate(entry, location, _maxIterations);
        ExecutionEvent<TStage> @event = EventOf(entry, location);
        if (entry.ToolCalls is { Count: > 0 } calls)
        {
            @event = @event with { ToolCalls = calls.OfType<ToolCallEntry>().Select(call => call.ToCall()).ToImmutableArray() };
        }

        return entry.Usage is { Count: > 0 } usage ? @event with { Usage = usage.OfType<UsageEntry>().Select(call => call.ToUsage()).ToImmutableArray() } : @event;
    }

    private ExecutionEvent<TStage> EventOf(JournalEntry entry, string location) => entry.Event switch
    {
        "stage_succeeded" => new StageSucceeded<TStage>(Stage(entry, location), entry.Text ?? ""),
        "stage_failed" => new StageFailed<TStage>(Stage(entry, location), entry.Text ?? "", entry.TimedOut ?? false),
        "review_work_done" => new ReviewWorkDone<TStage>(Stage(entry, location), Iteration(entry, location), entry.Text ?? ""),
        "review_verdict_given" => new ReviewVerdictGiven<TStage>(Stage(entry, location), Iteration(entry, location), entry.Approved ?? false, entry.Text ?? ""),
        "acceptance_tests_ran" => new AcceptanceTestsRan<TStage>(Stage(entry, location), Iteration(entry, location), entry.Passed ?? 0, entry.Failed ?? 0, entry.Total ?? 0, entry.Text ?? ""),
        "acceptance_fix_applied" => new AcceptanceFixApplied<TStage>(Stage(entry, location), Iteration(entry, location), entry.Text ?? ""),
        "time_budget_exhausted" => new TimeBudgetExhausted<TStage>(),
        "run_cancelled" => new RunCancelled<TStage>(),
        "budget_exhausted" => new BudgetExhausted<TStage>(entry.Text ?? ""),
        _ => throw new WorkflowStateException($"The journal '{location}' has entry {entry.Sequence} with unknown event '{entry.Event}'. It was left unchanged."),
    };

    private string Name(TStage stage) => workflow.GetStageName(stage);

    private TStage Stage(JournalEntry entry, string location) =>
        entry.Stage is { } name && workflow.TryGetStage(name, out TStage stage)
            ? stage
            : throw new WorkflowStateException($"The journal '{location}' has entry {entry.Sequence} naming stage '{entry.Stage}', which the compiled workflow '{workflow.Name}' does not have. Resume it with the workflow that wrote it.");

    private static int Iteration(JournalEntry entry, string location) =>
        entry.Iteration ?? throw new WorkflowStateException($"The journal '{location}' has entry {entry.Sequence} ({entry.Event}) without an iteration. It was left unchanged.");
}
