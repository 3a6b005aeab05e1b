using System.Collections.Immutable;
using System.Linq;
using TeamBot.Rules;

namespace TeamBot.Tests.Rules;

/// <summary>
/// Regression tests for resuming a run killed between an event and its commands: the resume asks for exactly the work
/// that was outstanding, with the same inputs, and never runs a loop past its maximum.
/// </summary>
public sealed class ResumePositionTests
{
    private static readonly ExecutionRules<Stage> Rules = new(Workflow.Definition);

    private static RunState<Stage> At(Stage stage) => new()
    {
        CurrentStage = stage,
        Completed = Workflow.Definition.StageOrder.TakeWhile(s => s != stage).ToImmutableHashSet(),
        Outputs = Workflow.Definition.StageOrder.TakeWhile(s => s != stage).ToImmutableDictionary(s => s, s => $"{s} done"),
    };

    [Fact]
    public void Killed_after_a_failed_acceptance_run_before_its_fix_resumes_with_that_fix()
    {
        RunState<Stage> killed = At(Stage.AcceptanceTest) with
        {
            Acceptance = new AcceptanceState { Iterations = 1, History = [new AcceptanceRun(1, 1, 1, 2) { Report = "FAIL AT-002: Empty report" }] },
        };

        Decision<Stage> resumed = Rules.Decide(killed, new RunStarted<Stage>());

        FixAcceptanceFailures<Stage> fix = Assert.Single(resumed.Commands.OfType<FixAcceptanceFailures<Stage>>());
        Assert.Equal((Stage.AcceptanceTest, 1, "FAIL AT-002: Empty report"), (fix.Stage, fix.Iteration, fix.Report));
        Assert.Empty(resumed.Commands.OfType<RunAcceptanceTests<Stage>>());
        Assert.Equal(1, resumed.State.Acceptance.Iterations);
    }

    [Fact]
    public void Killed_after_review_work_before_the_verdict_asks_the_reviewer_for_that_work_and_records_the_attempt_once()
    {
        RunState<Stage> killed = At(Stage.PlanReview) with
        {
            ReviewIterations = ImmutableDictionary<Stage, int>.Empty.Add(Stage.PlanReview, 1),
            ReviewAttempts = [new ReviewAttempt(1, "plan v1", "add rollback", false), new ReviewAttempt(2, "plan v2", null, false)],
        };

        Decision<Stage> resumed = Rules.Decide(killed, new RunStarted<Stage>());

        RunReview<Stage> review = Assert.Single(resumed.Commands.OfType<RunReview<Stage>>());
        Assert.Equal((Stage.PlanReview, 2, "plan v2"), (review.Stage, review.Iteration, review.Work));
        Assert.Empty(resumed.Commands.OfType<RunReviewWork<Stage>>());
        Decision<Stage> rejected = Rules.Decide(resumed.State, new ReviewVerdictGiven<Stage>(Stage.PlanReview, 2, false, "still no rollback"));
        Assert.Equal([1, 2], rejected.State.ReviewAttempts.Select(attempt => attempt.Iteration));
        RunReviewWork<Stage> third = Assert.Single(rejected.Commands.OfType<RunReviewWork<Stage>>());
        Assert.Equal((3, "still no rollback", "plan v2"), (third.Iteration, third.Feedback, third.PreviousAttempt));
    }

    [Fact]
    public void Killed_after_a_rejection_resumes_with_the_next_iteration_and_its_feedback()
    {
        RunState<Stage> killed = At(Stage.PlanReview) with
        {
            ReviewIterations = ImmutableDictionary<Stage, int>.Empty.Add(Stage.PlanReview, 1),
            ReviewAttempts = [new ReviewAttempt(1, "plan v1", "add rollback", false)],
        };

        Decision<Stage> resumed = Rules.Decide(killed, new RunStarted<Stage>());

        RunReviewWork<Stage> work = Assert.Single(resumed.Commands.OfType<RunReviewWork<Stage>>());
        Assert.Equal((2, "add rollback", "plan v1"), (work.Iteration, work.Feedback, work.PreviousAttempt));
    }

    [Fact]
    public void Resuming_a_review_failed_run_starts_a_fresh_round_and_never_goes_past_max_iterations()
    {
        RunState<Stage> failed = At(Stage.PlanReview) with
        {
            Status = RunStatus.ReviewFailed,
            ReviewIterations = ImmutableDictionary<Stage, int>.Empty.Add(Stage.PlanReview, 4),
            ReviewAttempts = Enumerable.Range(1, 4).Select(i => new ReviewAttempt(i, $"plan v{i}", $"no {i}", false)).ToImmutableList(),
        };

        Decision<Stage> resumed = Rules.Decide(failed, new RunStarted<Stage>());

        RunReviewWork<Stage> work = Assert.Single(resumed.Commands.OfType<RunReviewWork<Stage>>());
        Assert.Equal((1, "no 4", "plan v4"), (work.Iteration, work.Feedback, work.PreviousAttempt));
        Assert.Equal(0, resumed.State.ReviewIterations[Stage.PlanReview]);
        Assert.Equal(RunStatus.InProgress, resumed.State.Status);
    }

    [Fact]
    public void Resuming_a_review_failed_state_without_attempts_never_goes_past_max_iterations()
    {
        // The Python tool's state keeps only the counter.
        RunState<Stage> failed = At(Stage.PlanReview) with { Status = RunStatus.ReviewFailed, ReviewIterations = ImmutableDictionary<Stage, int>.Empty.Add(Stage.PlanReview, 4) };

        Decision<Stage> resumed = Rules.Decide(failed, new RunStarted<Stage>());

        Assert.Equal(1, Assert.Single(resumed.Commands.OfType<RunReviewWork<Stage>>()).Iteration);
    }

    [Fact]
    public void A_group_member_that_failed_before_a_crash_or_a_cancel_is_not_run_again_but_a_run_that_failed_on_it_retries_it()
    {
        var midGroup = ImmutableDictionary<Stage, MemberState>.Empty
            .Add(Stage.Research, new MemberState(MemberStatus.Failed, "boom"))
            .Add(Stage.TestStrategy, new MemberState(MemberStatus.Pending, null));
        RunState<Stage> crashed = At(Stage.Research) with { Groups = ImmutableDictionary<string, GroupState<Stage>>.Empty.Add("post_spec_review", new GroupState<Stage>(midGroup)) };
        RunState<Stage> failed = crashed with
        {
            Status = RunStatus.Error,
            Completed = crashed.Completed.Add(Stage.TestStrategy),
            Groups = crashed.Groups.SetItem("post_spec_review", new GroupState<Stage>(midGroup.SetItem(Stage.TestStrategy, new MemberState(MemberStatus.Completed, null)))),
        };

        Decision<Stage> resumed = Rules.Decide(crashed, new RunStarted<Stage>());
        Decision<Stage> resumedAfterCancel = Rules.Decide(crashed with { Status = RunStatus.Cancelled }, new RunStarted<Stage>());
        Decision<Stage> retried = Rules.Decide(failed, new RunStarted<Stage>());

        Assert.Equal([Stage.TestStrategy], Assert.Single(resumed.Commands.OfType<RunGroupMembers<Stage>>()).Members.ToArray());
        Assert.Equal(MemberStatus.Failed, resumed.State.Groups["post_spec_review"][Stage.Research].Status);
        Assert.Equal([Stage.TestStrategy], Assert.Single(resumedAfterCancel.Commands.OfType<RunGroupMembers<Stage>>()).Members.ToArray());
        Assert.Equal([Stage.Research], Assert.Single(retried.Commands.OfType<RunGroupMembers<Stage>>()).Members.ToArray());
    }

    [Fact]
    public void A_second_round_that_fails_reports_only_its_own_attempts()
    {
        RunState<Stage> failed = At(Stage.PlanReview) with
        {
            Status = RunStatus.ReviewFailed,
            ReviewIterations = ImmutableDictionary<Stage, int>.Empty.Add(Stage.PlanReview, 4),
            ReviewAttempts = Enumerable.Range(1, 4).Select(i => new ReviewAttempt(i, $"plan v{i}", $"no {i}", false)).ToImmutableList(),
        };
        RunState<Stage> state = Rules.Decide(failed, new RunStarted<Stage>()).State;
        Decision<Stage> last = null!;
        for (int iteration = 1; iteration <= 4; iteration++)
        {
            state = Rules.Decide(state, new ReviewWorkDone<Stage>(Stage.PlanReview, iteration, $"plan r2v{iteration}")).State;
            last = Rules.Decide(state, new ReviewVerdictGiven<Stage>(Stage.PlanReview, iteration, false, $"still no {iteration}"));
            state = last.State;
        }

        WriteReviewFailureReport<Stage> report = Assert.Single(last.Commands.OfType<WriteReviewFailureReport<Stage>>());
        Assert.Equal([1, 2, 3, 4], report.Attempts.Select(attempt => attempt.Iteration));
        Assert.Equal("plan r2v1", report.Attempts[0].Work);
        Assert.Equal(RunStatus.ReviewFailed, state.Status);
    }

    [Fact]
    public void Resuming_a_complete_run_with_its_time_budget_spent_leaves_it_complete()
    {
        RunState<Stage> complete = new() { Status = RunStatus.Complete };

        Decision<Stage> resumed = Rules.Decide(complete, new RunStarted<Stage>(TimeBudgetExhausted: true));

        Assert.Equal(RunStatus.Complete, resumed.State.Status);
        Assert.Contains(resumed.Commands, command => command is Notify<Stage> { Kind: WorkflowEventKind.RunCompleted });
    }
}
