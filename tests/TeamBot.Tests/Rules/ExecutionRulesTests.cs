using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using TeamBot.Execution;
using TeamBot.Rules;

namespace TeamBot.Tests.Rules;

/// <summary>The execution rules alone, over the repo's 14-stage workflow and a small group workflow.</summary>
public sealed class ExecutionRulesTests
{
    private static readonly ExecutionRules<Stage> Rules = new(Workflow.Definition);

    [Fact]
    public void A_successful_run_visits_every_stage_in_order_and_completes()
    {
        var driver = new RulesDriver<Stage>(Rules, RulesDriver<Stage>.Succeed);

        RunState<Stage> state = driver.Run();

        Assert.Equal(RunStatus.Complete, state.Status);
        Assert.Equal(Workflow.Definition.StageOrder.ToHashSet(), state.Completed.ToHashSet());
        Stage?[] started = driver.Notifications.Where(n => n.Kind == WorkflowEventKind.StageStarted).Select(n => n.Stage).ToArray();
        Assert.Equal([Stage.Setup, Stage.BusinessProblem, Stage.Spec, Stage.SpecReview, Stage.Plan, Stage.PlanReview, Stage.Implementation, Stage.ImplementationReview, Stage.Test, Stage.AcceptanceTest, Stage.PostReview, Stage.Complete], started);
        Assert.Equal(WorkflowEventKind.RunCompleted, driver.Notifications.Last().Kind);
        Assert.IsType<FinishRun<Stage>>(driver.Commands.Last());
    }

    [Fact]
    public void Every_start_completion_and_group_event_is_notified_exactly_once()
    {
        var driver = new RulesDriver<Stage>(Rules, RulesDriver<Stage>.Succeed);
        driver.Run();

        var counts = driver.Notifications.GroupBy(n => (n.Kind, n.Stage, n.Group, n.Iteration)).Select(group => (group.Key, Count: group.Count()));
        Assert.All(counts, pair => Assert.Equal(1, pair.Count));
        Assert.Single(driver.Notifications, n => n.Kind == WorkflowEventKind.GroupCompleted);
        Assert.Equal(2, driver.Notifications.Count(n => n.Kind == WorkflowEventKind.MemberCompleted));
    }

    [Fact]
    public void The_trigger_starts_every_member_at_once_and_the_gate_waits_for_all()
    {
        var commands = new List<ExecutionCommand<Stage>>();
        var driver = new RulesDriver<Stage>(Rules, command =>
        {
            commands.Add(command);

            // Answer the group with one member only: the gate must not start.
            return command is RunGroupMembers<Stage> group ? [new StageSucceeded<Stage>(group.Members[0], "done")] : RulesDriver<Stage>.Succeed(command);
        });

        RunState<Stage> state = driver.Run();

        RunGroupMembers<Stage> run = Assert.Single(commands.OfType<RunGroupMembers<Stage>>());
        Assert.Equal([Stage.Research, Stage.TestStrategy], run.Members.AsEnumerable());
        Assert.Equal(RunStatus.InProgress, state.Status);
        Assert.DoesNotContain(commands, c => c is RunStageWork<Stage> { Stage: Stage.Plan });
        Assert.Equal(MemberStatus.Pending, state.Groups["post_spec_review"][Stage.TestStrategy].Status);

        Decision<Stage> last = Rules.Decide(state, new StageSucceeded<Stage>(Stage.TestStrategy, "strategy"));
        Assert.Contains(last.Commands, c => c is RunStageWork<Stage> { Stage: Stage.Plan });
    }

    [Fact]
    public void A_failed_member_stops_the_run_only_after_every_member_finished_and_names_it()
    {
        RunState<Stage> state = Rules.Decide(StartAt(Stage.SpecReview), new RunStarted<Stage>()).State;
        state = Rules.Decide(state, new ReviewWorkDone<Stage>(Stage.SpecReview, 1, "spec")).State;
        Decision<Stage> afterTrigger = Rules.Decide(state, new ReviewVerdictGiven<Stage>(Stage.SpecReview, 1, true, "VERIFIED_APPROVED: ok"));
        Assert.Contains(afterTrigger.Commands, c => c is RunGroupMembers<Stage>);

        Decision<Stage> afterFailure = Rules.Decide(afterTrigger.State, new StageFailed<Stage>(Stage.TestStrategy, "agent builder-2 timed out"));
        Assert.Equal(RunStatus.InProgress, afterFailure.State.Status);
        Assert.DoesNotContain(afterFailure.Commands, c => c is FinishRun<Stage>);
        Assert.Contains(afterFailure.Commands, c => c is SaveState<Stage>);

        Decision<Stage> afterAll = Rules.Decide(afterFailure.State, new StageSucceeded<Stage>(Stage.Research, "research"));
        Assert.Equal(RunStatus.Error, afterAll.State.Status);
        Assert.Contains("TEST_STRATEGY (agent builder-2 timed out)", afterAll.State.Error!, System.StringComparison.Ordinal);
        Assert.Contains(Stage.Research, afterAll.State.Completed);
        Assert.DoesNotContain(afterAll.Commands, c => c is RunStageWork<Stage> { Stage: Stage.Plan });
        Assert.IsType<FinishRun<Stage>>(afterAll.Commands.Last());
    }

    [Fact]
    public void A_review_approved_on_the_second_iteration_feeds_back_the_first_review()
    {
        var driver = new RulesDriver<Stage>(Rules, command => command switch
        {
            RunReview<Stage> { Stage: Stage.SpecReview, Iteration: 1 } c => [new ReviewVerdictGiven<Stage>(c.Stage, 1, false, "add error cases")],
            _ => RulesDriver<Stage>.Succeed(command),
        });

        RunState<Stage> state = driver.Run();

        Assert.Equal(RunStatus.Complete, state.Status);
        RunReviewWork<Stage> second = Assert.Single(driver.Commands.OfType<RunReviewWork<Stage>>(), c => c.Stage == Stage.SpecReview && c.Iteration == 2);
        Assert.Equal("add error cases", second.Feedback);
        Assert.Equal("work 1", second.PreviousAttempt);
        Assert.Equal(2, state.ReviewIterations[Stage.SpecReview]);
        Assert.Equal("work 2", state.Outputs[Stage.Spec]);
    }

    [Fact]
    public void A_review_never_approved_fails_after_max_iterations_with_a_report()
    {
        var driver = new RulesDriver<Stage>(Rules, command => command switch
        {
            RunReview<Stage> { Stage: Stage.PlanReview } c => [new ReviewVerdictGiven<Stage>(c.Stage, c.Iteration, false, $"not approved: {c.Iteration}")],
            _ => RulesDriver<Stage>.Succeed(command),
        });

        RunState<Stage> state = driver.Run();

        Assert.Equal(RunStatus.ReviewFailed, state.Status);
        Assert.Equal(4, driver.Commands.OfType<RunReview<Stage>>().Count(c => c.Stage == Stage.PlanReview));
        WriteReviewFailureReport<Stage> report = Assert.Single(driver.Commands.OfType<WriteReviewFailureReport<Stage>>());
        Assert.Equal([1, 2, 3, 4], report.Attempts.Select(a => a.Iteration));
        Assert.DoesNotContain(Stage.PlanReview, state.Completed);
    }

    [Fact]
    public void Failed_acceptance_tests_get_a_fix_and_a_rerun_and_the_history_records_both()
    {
        var driver = new RulesDriver<Stage>(Rules, command => command switch
        {
            RunAcceptanceTests<Stage> { Iteration: 1 } c => [new AcceptanceTestsRan<Stage>(c.Stage, 1, 1, 2, 3, "FAIL AT-002")],
            _ => RulesDriver<Stage>.Succeed(command),
        });

        RunState<Stage> state = driver.Run();

        Assert.Equal(RunStatus.Complete, state.Status);
        FixAcceptanceFailures<Stage> fix = Assert.Single(driver.Commands.OfType<FixAcceptanceFailures<Stage>>());
        Assert.Equal("FAIL AT-002", fix.Report);
        Assert.Equal(2, state.Acceptance.Iterations);
        Assert.True(state.Acceptance.Passed);
        Assert.Equal([(1, 1, 2, 3, true, "fixed"), (2, 3, 0, 3, false, (string?)null)], state.Acceptance.History.Select(h => (h.Iteration, h.Passed, h.Failed, h.Total, h.FixApplied, h.FixSummary)));
        Assert.Equal("✅ ALL PASSED: 3/3 passed, 0 failed", state.Acceptance.Summary);
    }

    [Fact]
    public void Acceptance_tests_that_keep_failing_stop_the_run_before_the_gated_stage()
    {
        var driver = new RulesDriver<Stage>(Rules, command => command switch
        {
            RunAcceptanceTests<Stage> c => [new AcceptanceTestsRan<Stage>(c.Stage, c.Iteration, 2, 1, 3, "FAIL AT-003")],
            _ => RulesDriver<Stage>.Succeed(command),
        });

        RunState<Stage> state = driver.Run();

        Assert.Equal(RunStatus.AcceptanceTestFailed, state.Status);
        Assert.Equal(4, driver.Commands.OfType<RunAcceptanceTests<Stage>>().Count());
        Assert.Equal(3, driver.Commands.OfType<FixAcceptanceFailures<Stage>>().Count());
        Assert.DoesNotContain(driver.Commands, c => c is RunReviewWork<Stage> { Stage: Stage.PostReview });
    }

    [Fact]
    public void No_scenarios_is_a_failure_whose_fix_asks_for_scenarios_until_the_runs_are_spent()
    {
        var noScenarios = new RulesDriver<Stage>(Rules, command => command switch
        {
            RunAcceptanceTests<Stage> c => [new AcceptanceTestsRan<Stage>(c.Stage, c.Iteration, 0, 0, 0, "the spec in artifacts/feature_spec.md has none")],
            _ => RulesDriver<Stage>.Succeed(command),
        });
        RunState<Stage> state = noScenarios.Run();

        Assert.Equal(RunStatus.AcceptanceTestFailed, state.Status);
        Assert.Equal(4, noScenarios.Commands.OfType<RunAcceptanceTests<Stage>>().Count());
        Assert.Equal([true, true, true], noScenarios.Commands.OfType<FixAcceptanceFailures<Stage>>().Select(fix => fix.MissingScenarios));
        Assert.All(state.Acceptance.History, run => Assert.Equal(0, run.Total));
        // The summary says where the scenarios were looked for: a first custom agent's author needs the file's name.
        Assert.Equal("❌ NO SCENARIOS: the spec in artifacts/feature_spec.md has none", state.Acceptance.Summary);

        Assert.False(new AcceptanceRun(1, Passed: 2, Failed: 0, Total: 3).AllPassed);
    }

    [Fact]
    public void Scenarios_added_by_the_fix_are_run_and_can_pass()
    {
        var added = new RulesDriver<Stage>(Rules, command => command switch
        {
            RunAcceptanceTests<Stage> { Iteration: 1 } c => [new AcceptanceTestsRan<Stage>(c.Stage, c.Iteration, 0, 0, 0, "none")],
            RunAcceptanceTests<Stage> c => [new AcceptanceTestsRan<Stage>(c.Stage, c.Iteration, 2, 0, 2, "both pass")],
            _ => RulesDriver<Stage>.Succeed(command),
        });

        Assert.Equal(RunStatus.Complete, added.Run().Status);
        Assert.True(Assert.Single(added.Commands.OfType<FixAcceptanceFailures<Stage>>()).MissingScenarios);
    }

    [Fact]
    public void A_fix_of_failed_scenarios_is_not_a_request_for_scenarios()
    {
        var failing = new RulesDriver<Stage>(Rules, command => command switch
        {
            RunAcceptanceTests<Stage> { Iteration: 1 } c => [new AcceptanceTestsRan<Stage>(c.Stage, c.Iteration, 1, 1, 2, "one fails")],
            RunAcceptanceTests<Stage> c => [new AcceptanceTestsRan<Stage>(c.Stage, c.Iteration, 2, 0, 2, "both pass")],
            _ => RulesDriver<Stage>.Succeed(command),
        });

        Assert.Equal(RunStatus.Complete, failing.Run().Status);
        Assert.False(Assert.Single(failing.Commands.OfType<FixAcceptanceFailures<Stage>>()).MissingScenarios);
    }

    [Fact]
    public void A_stage_that_requires_passed_acceptance_tests_never_runs_without_them()
    {
        RunState<Stage> state = StartAt(Stage.PostReview);

        Decision<Stage> decision = Rules.Decide(state, new RunStarted<Stage>());

        Assert.Equal(RunStatus.AcceptanceTestFailed, decision.State.Status);
        Assert.DoesNotContain(decision.Commands, c => c is RunReviewWork<Stage>);
    }

    [Fact]
    public void Optional_stages_are_skipped_when_the_policy_says_so()
    {
        var driver = new RulesDriver<Stage>(new ExecutionRules<Stage>(Workflow.Definition, new ExecutionPolicy { SkipOptionalStages = true }), RulesDriver<Stage>.Succeed);

        RunState<Stage> state = driver.Run();

        Assert.Equal(RunStatus.Complete, state.Status);
        Assert.DoesNotContain(driver.Commands, c => c is RunStageWork<Stage> { Stage: Stage.BusinessProblem });
        Assert.Single(driver.Notifications, n => n.Kind == WorkflowEventKind.StageSkipped && n.Stage == Stage.BusinessProblem);
    }

    [Fact]
    public void A_failed_stage_a_timed_out_stage_cancellation_and_the_time_budget_each_get_their_status()
    {
        RunState<Stage> running = Rules.Decide(new RunState<Stage>(), new RunStarted<Stage>()).State;

        Assert.Equal(RunStatus.Error, Rules.Decide(running, new StageFailed<Stage>(Stage.Setup, "boom")).State.Status);
        Assert.Equal(RunStatus.Timeout, Rules.Decide(running, new StageFailed<Stage>(Stage.Setup, "timed out", TimedOut: true)).State.Status);
        Assert.Equal(RunStatus.Cancelled, Rules.Decide(running, new RunCancelled<Stage>()).State.Status);
        Decision<Stage> budget = Rules.Decide(running, new TimeBudgetExhausted<Stage>());
        Assert.Equal(RunStatus.Timeout, budget.State.Status);
        Assert.Equal([typeof(SaveState<Stage>), typeof(Notify<Stage>), typeof(FinishRun<Stage>)], budget.Commands.Select(c => c.GetType()));
    }

    [Fact]
    public void A_finished_run_ignores_late_events()
    {
        RunState<Stage> stopped = Rules.Decide(Rules.Decide(new RunState<Stage>(), new RunStarted<Stage>()).State, new RunCancelled<Stage>()).State;

        Decision<Stage> late = Rules.Decide(stopped, new StageSucceeded<Stage>(Stage.Setup, "late"));

        Assert.Same(stopped, late.State);
        Assert.Empty(late.Commands);
    }

    [Fact]
    public void Resuming_inside_a_group_runs_only_its_unfinished_members()
    {
        RunState<Stage> state = StartAt(Stage.Research) with
        {
            Completed = StartAt(Stage.Research).Completed.Add(Stage.Research),
            Status = RunStatus.Error,
        };

        Decision<Stage> decision = Rules.Decide(state, new RunStarted<Stage>());

        RunGroupMembers<Stage> run = Assert.Single(decision.Commands.OfType<RunGroupMembers<Stage>>());
        Assert.Equal([Stage.TestStrategy], run.Members.AsEnumerable());
        Assert.Equal(RunStatus.InProgress, decision.State.Status);
    }

    [Fact]
    public void Group_concurrency_comes_from_the_descriptor()
    {
        var rules = new ExecutionRules<GroupsStage>(Groups.Definition);
        Decision<GroupsStage> started = rules.Decide(new RunState<GroupsStage>(), new RunStarted<GroupsStage>());
        Decision<GroupsStage> fanned = rules.Decide(started.State, new StageSucceeded<GroupsStage>(GroupsStage.Start, "go"));

        RunGroupMembers<GroupsStage> run = Assert.Single(fanned.Commands.OfType<RunGroupMembers<GroupsStage>>());
        Assert.Equal(2, run.Group.MaxConcurrency);
        Assert.Equal([GroupsStage.Alpha, GroupsStage.Beta, GroupsStage.Gamma], run.Members.AsEnumerable());
    }

    /// <summary>A state in which every stage before <paramref name="stage"/> completed and <paramref name="stage"/> is next.</summary>
    private static RunState<Stage> StartAt(Stage stage) => new()
    {
        CurrentStage = stage,
        Completed = Workflow.Definition.StageOrder.TakeWhile(s => s != stage).ToImmutableHashSet(),
    };
}
