using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using TeamBot.Definitions;

namespace TeamBot.Rules;

/// <summary>
/// The workflow's rules as a pure function: a state and an event in, the next state and the commands to carry out
/// out. No agents, threads, clocks or files: the runner does those, so every rule is testable on its own and any host
/// (a process, a distributed grain) can drive the same logic.
/// </summary>
/// <typeparam name="TStage">The generated stage enum.</typeparam>
public sealed class ExecutionRules<TStage>
    where TStage : struct, Enum
{
    private readonly IWorkflowDefinition<TStage> _workflow;
    private readonly ExecutionPolicy _policy;

    /// <summary>Initializes a new instance of the <see cref="ExecutionRules{TStage}"/> class.</summary>
    public ExecutionRules(IWorkflowDefinition<TStage> workflow, ExecutionPolicy? policy = null)
    {
        ArgumentNullException.ThrowIfNull(workflow);
        _workflow = workflow;
        _policy = policy ?? new ExecutionPolicy();
    }

    /// <summary>Applies <paramref name="event"/> to <paramref name="state"/>.</summary>
    /// <returns>The new state and the commands to carry out in order. A finished run ignores every event.</returns>
    public Decision<TStage> Decide(RunState<TStage> state, ExecutionEvent<TStage> @event)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(@event);
        var plan = new Plan(state);
        if (state.IsFinished && @event is not RunStarted<TStage>)
        {
            return plan.ToDecision();
        }

        switch (@event)
        {
            case RunStarted<TStage> { TimeBudgetExhausted: true } when state.Status != RunStatus.Complete:
                plan.State = state with { Status = RunStatus.InProgress };
                Stop(plan, RunStatus.Timeout, "The run's time budget ran out.");
                break;
            case RunStarted<TStage>:
                Start(plan);
                break;
            case StageSucceeded<TStage> succeeded:
                OnStageSucceeded(plan, succeeded);
                break;
            case StageFailed<TStage> failed:
                OnStageFailed(plan, failed);
                break;
            case ReviewWorkDone<TStage> work:
                OnReviewWork(plan, work);
                break;
            case ReviewVerdictGiven<TStage> verdict:
                OnReviewVerdict(plan, verdict);
                break;
            case AcceptanceTestsRan<TStage> tests:
                OnAcceptanceTests(plan, tests);
                break;
            case AcceptanceFixApplied<TStage> fix:
                OnAcceptanceFix(plan, fix);
                break;
            case TimeBudgetExhausted<TStage>:
                Stop(plan, RunStatus.Timeout, "The run's time budget ran out.");
                break;
            case RunCancelled<TStage>:
                Stop(plan, RunStatus.Cancelled, "The run was cancelled.");
                break;
            case BudgetExhausted<TStage> budget:
                Stop(plan, RunStatus.BudgetExceeded, budget.Reason);
                break;
            default:
                throw new ArgumentException($"Unknown event {@event.GetType().Name}.", nameof(@event));
        }

        RecordToolCalls(plan, @event);
        RecordUsage(plan, @event);
        return plan.ToDecision();
    }

    /// <summary>Counts the tokens of the calls whose results were kept, per stage, agent and model.</summary>
    private static void RecordUsage(Plan plan, ExecutionEvent<TStage> @event)
    {
        if (@event.Usage.IsDefaultOrEmpty || StageOf(@event) is not { } stage)
        {
            return;
        }

        ImmutableList<UsageLine<TStage>> lines = plan.State.Usage;
        foreach (AgentUsage call in @event.Usage)
        {
            var added = new UsageLine<TStage>(stage, call.Agent, call.Model, call.Tokens, 1);
            int index = lines.BinarySearch(added, UsageOrder.Instance);
            lines = index < 0
                ? lines.Insert(~index, added)
                : lines.SetItem(index, lines[index] with { Tokens = lines[index].Tokens + call.Tokens, Calls = lines[index].Calls + 1 });
        }

        plan.State = plan.State with { Usage = lines };
    }

    /// <summary>
    /// The lines in stage order, then by agent and model: the same whichever of two concurrent members answered first, so
    /// a run's state never depends on timing.
    /// </summary>
    private sealed class UsageOrder : IComparer<UsageLine<TStage>>
    {
        public static readonly UsageOrder Instance = new();

        public int Compare(UsageLine<TStage>? x, UsageLine<TStage>? y)
        {
            int stage = Comparer<TStage>.Default.Compare(x!.Stage, y!.Stage);
            if (stage != 0)
            {
                return stage;
            }

            int agent = string.CompareOrdinal(x.Agent, y.Agent);
            return agent != 0 ? agent : string.CompareOrdinal(x.Model, y.Model);
        }
    }

    private static TStage? StageOf(ExecutionEvent<TStage> @event) => @event switch
    {
        StageSucceeded<TStage> e => e.Stage,
        StageFailed<TStage> e => e.Stage,
        ReviewWorkDone<TStage> e => e.Stage,
        ReviewVerdictGiven<TStage> e => e.Stage,
        AcceptanceTestsRan<TStage> e => e.Stage,
        AcceptanceFixApplied<TStage> e => e.Stage,
        _ => null,
    };

    /// <summary>Keeps the tool calls with the result they led to, so a resumed run holds exactly the calls whose results it kept.</summary>
    private static void RecordToolCalls(Plan plan, ExecutionEvent<TStage> @event)
    {
        if (StageOf(@event) is { } key && !@event.ToolCalls.IsDefaultOrEmpty)
        {
            ImmutableList<ToolCall> calls = plan.State.ToolCalls.GetValueOrDefault(key) ?? [];
            plan.State = plan.State with { ToolCalls = plan.State.ToolCalls.SetItem(key, calls.AddRange(@event.ToolCalls)) };
        }
    }

    private void Start(Plan plan)
    {
        RunState<TStage> state = plan.State;
        if (state.Status == RunStatus.Complete)
        {
            plan.Add(new Notify<TStage>(WorkflowEventKind.RunCompleted)).Add(new FinishRun<TStage>());
            return;
        }

        // A resumed run starts again where it stopped; whatever stopped it is over.
        plan.State = state with { Status = RunStatus.InProgress, Error = null };
        plan.Add(new Notify<TStage>(WorkflowEventKind.RunStarted));
        if (state.CurrentStage is not { } current)
        {
            Enter(plan, _workflow.StageOrder[0]);
        }
        else if (_workflow.GetGroupOf(current) is { } group)
        {
            // A run that stopped on its failed members (every member had finished) retries them; a run stopped
            // mid-group (a crash, Ctrl+C, the time budget) keeps the failures it had recorded and runs only the members
            // that had not finished, as it would have had it not stopped.
            StartGroup(plan, group, retryFailed: state.Groups.GetValueOrDefault(group.Name) is not { Pending: > 0 });
        }
        else if (state.Completed.Contains(current))
        {
            Advance(plan, current);
        }
        else
        {
            Continue(plan, current);
        }
    }

    /// <summary>
    /// Resumes a stage at the exact point its loop reached: the state says which work was outstanding when the run
    /// stopped, and that work is asked for again with the same inputs, so a resumed run does what the run would have
    /// done had it never stopped.
    /// </summary>
    private void Continue(Plan plan, TStage stage)
    {
        StageDescriptor<TStage> descriptor = _workflow.GetStage(stage);
        if (descriptor.IsReviewStage && plan.State.ReviewAttempts.LastOrDefault() is { Approved: false } attempt)
        {
            plan.State = plan.State with { CurrentStage = stage };
            plan.Add(new Notify<TStage>(WorkflowEventKind.StageStarted, stage)).Add(new SaveState<TStage>());
            if (attempt.Review is null)
            {
                // The work was done and recorded; only the reviewer's verdict on it was outstanding.
                plan.Add(new RunReview<TStage>(stage, attempt.Iteration, attempt.Work));
                return;
            }

            int next = attempt.Iteration + 1;
            if (next > MaxReviewIterations(descriptor))
            {
                // The loop had run out of iterations: resuming it starts a fresh round, never one past the maximum.
                next = 1;
                plan.State = plan.State with { ReviewIterations = plan.State.ReviewIterations.SetItem(stage, 0) };
            }

            plan.Add(new Notify<TStage>(WorkflowEventKind.ReviewIterationStarted, stage, Iteration: next))
                .Add(new RunReviewWork<TStage>(stage, next, attempt.Review, attempt.Work));
            return;
        }

        if (descriptor.IsAcceptanceTestStage && plan.State.Acceptance.History.LastOrDefault() is { AllPassed: false, FixApplied: false } run)
        {
            // The fix of the last failed run was outstanding. When that run had ended the loop (the last run allowed)
            // the fix opens a fresh round whose runs count from 1 again, as the Python TeamBot's resume did.
            int iteration = run.Iteration < MaxAcceptanceRuns(descriptor) ? run.Iteration : 0;
            plan.State = plan.State with
            {
                CurrentStage = stage,
                Acceptance = plan.State.Acceptance with { Iterations = iteration },
            };
            plan.Add(new Notify<TStage>(WorkflowEventKind.StageStarted, stage))
                .Add(new SaveState<TStage>())
                .Add(new FixAcceptanceFailures<TStage>(stage, iteration, run.Report ?? plan.State.Acceptance.Summary ?? "") { MissingScenarios = run.Total == 0 });
            return;
        }

        Enter(plan, stage);
    }

    /// <summary>Starts a stage, or passes over it when it has nothing to run.</summary>
    private void Enter(Plan plan, TStage stage)
    {
        StageDescriptor<TStage> descriptor = _workflow.GetStage(stage);
        if (plan.State.Completed.Contains(stage))
        {
            Advance(plan, stage);
            return;
        }

        if (descriptor.RequiresAcceptanceTestsPassed && !plan.State.Acceptance.Passed)
        {
            plan.State = plan.State with { CurrentStage = stage };
            Fail(plan, RunStatus.AcceptanceTestFailed, stage, $"Stage {descriptor.Key} requires passed acceptance tests, and they have not passed.");
            return;
        }

        if (_workflow.GetGroupTriggeredBy(stage) is null && _workflow.GetGroupOf(stage) is { } group)
        {
            StartGroup(plan, group);
            return;
        }

        plan.State = plan.State with { CurrentStage = stage };
        if (descriptor.IsOptional && _policy.SkipOptionalStages)
        {
            plan.State = plan.State with { Completed = plan.State.Completed.Add(stage) };
            plan.Add(new Notify<TStage>(WorkflowEventKind.StageSkipped, stage)).Add(new SaveState<TStage>());
            Advance(plan, stage);
            return;
        }

        plan.Add(new Notify<TStage>(WorkflowEventKind.StageStarted, stage));
        if (descriptor.IsReviewStage)
        {
            int done = plan.State.ReviewIterations.GetValueOrDefault(stage);
            if (done >= MaxReviewIterations(descriptor))
            {
                // A saved run (the Python tool's) whose loop ran out: a fresh round, never an iteration past the maximum.
                done = 0;
                plan.State = plan.State with { ReviewIterations = plan.State.ReviewIterations.SetItem(stage, 0) };
            }

            int iteration = done + 1;
            plan.Add(new SaveState<TStage>())
                .Add(new Notify<TStage>(WorkflowEventKind.ReviewIterationStarted, stage, Iteration: iteration))
                .Add(new RunReviewWork<TStage>(stage, iteration, null, null));
        }
        else if (descriptor.IsAcceptanceTestStage)
        {
            if (plan.State.Acceptance.Iterations >= MaxAcceptanceRuns(descriptor))
            {
                plan.State = plan.State with { Acceptance = plan.State.Acceptance with { Iterations = 0 } };
            }

            int iteration = plan.State.Acceptance.Iterations + 1;
            plan.Add(new SaveState<TStage>())
                .Add(new Notify<TStage>(WorkflowEventKind.AcceptanceRunStarted, stage, Iteration: iteration))
                .Add(new RunAcceptanceTests<TStage>(stage, iteration));
        }
        else if (descriptor.WorkAgent is null && descriptor.ParallelAgents.IsEmpty)
        {
            // A stage with no agent (COMPLETE) only marks a point in the workflow.
            Complete(plan, stage, "");
        }
        else
        {
            plan.Add(new SaveState<TStage>()).Add(new RunStageWork<TStage>(stage));
        }
    }

    private void StartGroup(Plan plan, ParallelGroupDescriptor<TStage> group, bool retryFailed = true)
    {
        GroupState<TStage>? saved = retryFailed ? null : plan.State.Groups.GetValueOrDefault(group.Name);
        var members = ImmutableDictionary.CreateBuilder<TStage, MemberState>();
        foreach (TStage member in group.Stages)
        {
            members[member] = plan.State.Completed.Contains(member)
                ? new MemberState(MemberStatus.Completed, null)
                : saved is not null && saved.Members.TryGetValue(member, out MemberState recorded) && recorded.Status == MemberStatus.Failed
                    ? recorded
                    : new MemberState(MemberStatus.Pending, null);
        }

        ImmutableArray<TStage> pending = group.Stages.Where(member => members[member].Status == MemberStatus.Pending).ToImmutableArray();

        plan.State = plan.State with { CurrentStage = group.Stages[0], Groups = plan.State.Groups.SetItem(group.Name, new GroupState<TStage>(members.ToImmutable())) };
        if (pending.IsEmpty)
        {
            Advance(plan, group.Stages[^1]);
            return;
        }

        plan.Add(new SaveState<TStage>())
            .Add(new Notify<TStage>(WorkflowEventKind.GroupStarted, Group: group.Name, Detail: string.Join(", ", pending.Select(_workflow.GetStageName))))
            .Add(new RunGroupMembers<TStage>(group, pending));
    }

    private void OnStageSucceeded(Plan plan, StageSucceeded<TStage> succeeded)
    {
        if (_workflow.GetGroupOf(succeeded.Stage) is { } group)
        {
            OnMemberFinished(plan, group, succeeded.Stage, new MemberState(MemberStatus.Completed, null), succeeded.Output);
            return;
        }

        if (plan.State.CurrentStage is { } current && EqualityComparer<TStage>.Default.Equals(current, succeeded.Stage))
        {
            Complete(plan, succeeded.Stage, succeeded.Output);
        }
    }

    private void OnStageFailed(Plan plan, StageFailed<TStage> failed)
    {
        if (_workflow.GetGroupOf(failed.Stage) is { } group)
        {
            OnMemberFinished(plan, group, failed.Stage, new MemberState(MemberStatus.Failed, failed.Error), null);
            return;
        }

        Fail(plan, failed.TimedOut ? RunStatus.Timeout : RunStatus.Error, failed.Stage, $"Stage {_workflow.GetStageName(failed.Stage)} failed: {failed.Error}");
    }

    /// <summary>Records one member as it finishes, so a crash re-runs only the unfinished ones; the gate waits for all.</summary>
    private void OnMemberFinished(Plan plan, ParallelGroupDescriptor<TStage> group, TStage member, MemberState result, string? output)
    {
        GroupState<TStage>? members = plan.State.Groups.GetValueOrDefault(group.Name);
        if (members is null || !members.Members.TryGetValue(member, out MemberState previous) || previous.Status != MemberStatus.Pending)
        {
            return;
        }

        members = members.Finish(member, result);
        plan.State = plan.State with { Groups = plan.State.Groups.SetItem(group.Name, members) };
        if (result.Status == MemberStatus.Completed)
        {
            plan.State = plan.State with { Completed = plan.State.Completed.Add(member), Outputs = plan.State.Outputs.SetItem(member, output ?? "") };
            plan.Add(new Notify<TStage>(WorkflowEventKind.MemberCompleted, member, group.Name));
        }
        else
        {
            plan.Add(new Notify<TStage>(WorkflowEventKind.MemberFailed, member, group.Name, Detail: result.Error));
        }

        plan.Add(new SaveState<TStage>());
        if (members.Pending > 0)
        {
            return;
        }

        string[] failed = group.Stages.Where(stage => members[stage].Status == MemberStatus.Failed)
            .Select(stage => $"{_workflow.GetStageName(stage)} ({members[stage].Error})").ToArray();
        if (failed.Length > 0)
        {
            string error = $"Parallel group {group.Name} failed: {string.Join(", ", failed)}.";
            plan.State = plan.State with { Status = RunStatus.Error, Error = error };
            plan.Add(new SaveState<TStage>())
                .Add(new Notify<TStage>(WorkflowEventKind.GroupFailed, Group: group.Name, Detail: error))
                .Add(new Notify<TStage>(WorkflowEventKind.RunStopped, Detail: error))
                .Add(new FinishRun<TStage>());
            return;
        }

        plan.Add(new Notify<TStage>(WorkflowEventKind.GroupCompleted, Group: group.Name));
        Advance(plan, group.Stages[^1]);
    }

    private static void OnReviewWork(Plan plan, ReviewWorkDone<TStage> work)
    {
        if (!IsCurrent(plan, work.Stage))
        {
            return;
        }

        plan.State = plan.State with { ReviewAttempts = plan.State.ReviewAttempts.Add(new ReviewAttempt(work.Iteration, work.Work, null, false)) };
        plan.Add(new SaveState<TStage>()).Add(new RunReview<TStage>(work.Stage, work.Iteration, work.Work));
    }

    private void OnReviewVerdict(Plan plan, ReviewVerdictGiven<TStage> verdict)
    {
        if (!IsCurrent(plan, verdict.Stage) || plan.State.ReviewAttempts.IsEmpty)
        {
            return;
        }

        ReviewAttempt attempt = plan.State.ReviewAttempts[^1] with { Review = verdict.Review, Approved = verdict.Approved };
        plan.State = plan.State with
        {
            ReviewAttempts = plan.State.ReviewAttempts.SetItem(plan.State.ReviewAttempts.Count - 1, attempt),
            ReviewIterations = plan.State.ReviewIterations.SetItem(verdict.Stage, verdict.Iteration),
        };
        plan.Add(new Notify<TStage>(WorkflowEventKind.ReviewIterationCompleted, verdict.Stage, Iteration: verdict.Iteration, Detail: verdict.Approved ? "approved" : "changes requested"));

        if (verdict.Approved)
        {
            if (_workflow.GetWorkStage(verdict.Stage) is { } workStage)
            {
                plan.State = plan.State with { Outputs = plan.State.Outputs.SetItem(workStage, attempt.Work) };
            }

            plan.State = plan.State with { ReviewAttempts = [] };
            Complete(plan, verdict.Stage, verdict.Review);
            return;
        }

        if (verdict.Iteration >= MaxReviewIterations(_workflow.GetStage(verdict.Stage)))
        {
            plan.Add(new WriteReviewFailureReport<TStage>(verdict.Stage, CurrentRound(plan.State.ReviewAttempts)) { Round = plan.State.ReviewAttempts.Count(attempt => attempt.Iteration == 1) });
            Fail(plan, RunStatus.ReviewFailed, verdict.Stage, $"Review stage {_workflow.GetStageName(verdict.Stage)} was not approved after {verdict.Iteration} iterations.");
            return;
        }

        plan.Add(new SaveState<TStage>())
            .Add(new Notify<TStage>(WorkflowEventKind.ReviewIterationStarted, verdict.Stage, Iteration: verdict.Iteration + 1))
            .Add(new RunReviewWork<TStage>(verdict.Stage, verdict.Iteration + 1, verdict.Review, attempt.Work));
    }

    private void OnAcceptanceTests(Plan plan, AcceptanceTestsRan<TStage> tests)
    {
        if (!IsCurrent(plan, tests.Stage))
        {
            return;
        }

        var run = new AcceptanceRun(tests.Iteration, tests.Passed, tests.Failed, tests.Total) { Report = tests.Report };
        string summary = run.AllPassed
            ? string.Create(CultureInfo.InvariantCulture, $"✅ ALL PASSED: {tests.Passed}/{tests.Total} passed, 0 failed")
            : tests.Total == 0
                ? "❌ NO SCENARIOS: " + (tests.Report.Length > 0 ? tests.Report : "the spec has no acceptance test scenarios")
                : string.Create(CultureInfo.InvariantCulture, $"❌ FAILED: {tests.Passed}/{tests.Total} passed, {tests.Failed} failed");
        plan.State = plan.State with
        {
            Acceptance = plan.State.Acceptance with { Iterations = tests.Iteration, Passed = run.AllPassed, History = plan.State.Acceptance.History.Add(run), Summary = summary },
        };
        plan.Add(new Notify<TStage>(WorkflowEventKind.AcceptanceRunCompleted, tests.Stage, Iteration: tests.Iteration, Detail: summary));

        if (run.AllPassed)
        {
            Complete(plan, tests.Stage, tests.Report);
        }
        else if (tests.Iteration >= MaxAcceptanceRuns(_workflow.GetStage(tests.Stage)))
        {
            Fail(plan, RunStatus.AcceptanceTestFailed, tests.Stage, $"Acceptance tests failed: {summary}.");
        }
        else
        {
            // No scenarios is a failure like any other, with its own fix: passing would test nothing, and stopping at
            // once would leave a spec that only lacks them (a Python TeamBot run's, say) no way to finish.
            plan.Add(new SaveState<TStage>()).Add(new FixAcceptanceFailures<TStage>(tests.Stage, tests.Iteration, tests.Report) { MissingScenarios = tests.Total == 0 });
        }
    }

    private static void OnAcceptanceFix(Plan plan, AcceptanceFixApplied<TStage> fix)
    {
        if (!IsCurrent(plan, fix.Stage) || plan.State.Acceptance.History.IsEmpty)
        {
            return;
        }

        ImmutableList<AcceptanceRun> history = plan.State.Acceptance.History;
        history = history.SetItem(history.Count - 1, history[^1] with { FixApplied = true, FixSummary = fix.Summary });
        plan.State = plan.State with { Acceptance = plan.State.Acceptance with { History = history } };
        plan.Add(new SaveState<TStage>())
            .Add(new Notify<TStage>(WorkflowEventKind.AcceptanceRunStarted, fix.Stage, Iteration: fix.Iteration + 1))
            .Add(new RunAcceptanceTests<TStage>(fix.Stage, fix.Iteration + 1));
    }

    private void Complete(Plan plan, TStage stage, string output)
    {
        plan.State = plan.State with { Completed = plan.State.Completed.Add(stage), Outputs = plan.State.Outputs.SetItem(stage, output) };
        plan.Add(new Notify<TStage>(WorkflowEventKind.StageCompleted, stage)).Add(new SaveState<TStage>());
        Advance(plan, stage);
    }

    /// <summary>Moves on from a completed stage: to a group it triggers, to a group's gate, or to the next stage.</summary>
    private void Advance(Plan plan, TStage completed)
    {
        if (_workflow.GetGroupTriggeredBy(completed) is { } group)
        {
            StartGroup(plan, group);
            return;
        }

        ImmutableArray<TStage> next = _workflow.GetNextStages(completed);
        if (next.IsEmpty)
        {
            plan.State = plan.State with { Status = RunStatus.Complete };
            plan.Add(new SaveState<TStage>()).Add(new Notify<TStage>(WorkflowEventKind.RunCompleted)).Add(new FinishRun<TStage>());
            return;
        }

        Enter(plan, next[0]);
    }

    private static void Fail(Plan plan, RunStatus status, TStage stage, string error)
    {
        plan.State = plan.State with { Status = status, Error = error };
        plan.Add(new SaveState<TStage>())
            .Add(new Notify<TStage>(WorkflowEventKind.StageFailed, stage, Detail: error))
            .Add(new Notify<TStage>(WorkflowEventKind.RunStopped, Detail: error))
            .Add(new FinishRun<TStage>());
    }

    private static void Stop(Plan plan, RunStatus status, string error)
    {
        plan.State = plan.State with { Status = status, Error = error };
        plan.Add(new SaveState<TStage>()).Add(new Notify<TStage>(WorkflowEventKind.RunStopped, Detail: error)).Add(new FinishRun<TStage>());
    }

    /// <summary>The attempts of the loop's current round: a resumed loop that had run out keeps its last attempt (its
    /// feedback feeds the new round) and counts again from 1.</summary>
    private static ImmutableList<ReviewAttempt> CurrentRound(ImmutableList<ReviewAttempt> attempts)
    {
        int start = attempts.FindLastIndex(attempt => attempt.Iteration == 1);
        return start <= 0 ? attempts : attempts.RemoveRange(0, start);
    }

    private int MaxReviewIterations(StageDescriptor<TStage> stage) => stage.MaxIterations ?? _policy.MaxReviewIterations;

    private int MaxAcceptanceRuns(StageDescriptor<TStage> stage) => stage.MaxIterations ?? _policy.MaxAcceptanceRuns;

    private static bool IsCurrent(Plan plan, TStage stage) =>
        plan.State.CurrentStage is { } current && EqualityComparer<TStage>.Default.Equals(current, stage);

    /// <summary>The state being decided and the commands gathered so far.</summary>
    private sealed class Plan(RunState<TStage> state)
    {
        private readonly ImmutableArray<ExecutionCommand<TStage>>.Builder _commands = ImmutableArray.CreateBuilder<ExecutionCommand<TStage>>();

        public RunState<TStage> State { get; set; } = state;

        public Plan Add(ExecutionCommand<TStage> command)
        {
            _commands.Add(command);
            return this;
        }

        /// <summary>Drops saves that another save follows with no other command between, since only the last one counts.</summary>
        public Decision<TStage> ToDecision()
        {
            var commands = ImmutableArray.CreateBuilder<ExecutionCommand<TStage>>(_commands.Count);
            foreach (ExecutionCommand<TStage> command in _commands)
            {
                if (command is SaveState<TStage> && commands.Count > 0 && commands[^1] is SaveState<TStage>)
                {
                    continue;
                }

                commands.Add(command);
            }

            return new Decision<TStage>(State, commands.ToImmutable());
        }
    }
}
