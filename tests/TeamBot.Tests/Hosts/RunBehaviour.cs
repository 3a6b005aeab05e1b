using System;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Time.Testing;
using TeamBot.Agents;
using TeamBot.Definitions;
using TeamBot.Execution;
using TeamBot.Rules;
using TeamBot.State;
using TeamBot.Tests.Fakes;
using TeamBot.Tests.Support;

namespace TeamBot.Tests.Hosts;

/// <summary>
/// What a run does, whatever hosts it: order, groups and their bound, no early cancellation, review and acceptance
/// loops, time limits, the run's budget, cancellation, resume, and events exactly once. Each host runs every test.
/// </summary>
public abstract class RunBehaviour : IAsyncLifetime
{
    private IRunHost _host = null!;

    private protected FakeTeam Team { get; } = new();

    private protected RecordingProgress Progress { get; } = new();

    protected abstract IRunHost CreateHost();

    public Task InitializeAsync()
    {
        _host = CreateHost();
        return Task.CompletedTask;
    }

    public Task DisposeAsync() => _host.DisposeAsync().AsTask();

    [Fact]
    public async Task A_full_run_completes_every_stage_in_order_and_writes_every_declared_artifact()
    {
        WorkflowResult result = await RunAsync(Workflow.Definition);

        Assert.Equal(RunStatus.Complete, result.Status);
        Assert.Equal(Workflow.Definition.StageOrder.Select(Workflow.Definition.GetStageName), result.CompletedStages);
        foreach (string artifact in Workflow.Definition.Stages.SelectMany(stage => stage.Artifacts))
        {
            Assert.True(File.Exists(Path.Combine(_host.RunDirectory, "artifacts", artifact)), $"{artifact} was not written");
        }

        SavedRun<Stage> saved = await _host.SavedAsync(Workflow.Definition);
        Assert.Equal("complete", saved.Document.Status);
        Assert.Equal("COMPLETE", saved.Document.CurrentStage);
        Assert.True(saved.Document.AcceptanceTestsPassed);
        Assert.Equal("completed", saved.Document.ParallelGroupStatus!["post_spec_review"].Stages["TEST_STRATEGY"].Status);

        // Every agent got its stage typed, on the cluster too, where the request crossed the wire with the name only.
        Assert.All(Team.Calls, call => Assert.Equal(call.Context.Stage, Workflow.Definition.GetStageName(call.Context.GetStage<Stage>())));
    }

    [Fact]
    public async Task Events_fire_exactly_once_and_each_stage_starts_before_it_completes()
    {
        await RunAsync(Workflow.Definition);

        WorkflowEvent[] events = Progress.Events.ToArray();
        Assert.Equal(WorkflowEventKind.RunStarted, events[0].Kind);
        Assert.Equal(WorkflowEventKind.RunCompleted, events[^1].Kind);
        Assert.Equal(RunStatus.Complete, events[^1].Status);
        Assert.True(events[^1].Elapsed > TimeSpan.Zero);
        Assert.All(events.GroupBy(e => (e.Kind, e.Stage, e.Group, e.Iteration)), group => Assert.Single(group));
        Assert.Equal(true, Assert.Single(events, e => e.Kind == WorkflowEventKind.GroupCompleted).AllSucceeded);
        Assert.Equal(["builder-1", "builder-2"], events.Where(e => e.Kind == WorkflowEventKind.MemberCompleted).OrderBy(e => e.Stage, StringComparer.Ordinal).Select(e => e.Agent));
        foreach (string stage in new[] { "SETUP", "SPEC", "PLAN", "COMPLETE" })
        {
            Assert.True(Array.FindIndex(events, e => e.Kind == WorkflowEventKind.StageStarted && e.Stage == stage) < Array.FindIndex(events, e => e.Kind == WorkflowEventKind.StageCompleted && e.Stage == stage));
        }

        foreach (string member in new[] { "RESEARCH", "TEST_STRATEGY" })
        {
            Assert.True(Array.FindIndex(events, e => e.Kind == WorkflowEventKind.MemberStarted && e.Stage == member) < Array.FindIndex(events, e => e.Kind == WorkflowEventKind.MemberCompleted && e.Stage == member));
        }
    }

    [Fact]
    public async Task Parallel_agents_work_at_once_and_their_outputs_are_merged()
    {
        WorkflowResult result = await RunAsync(Workflow.Definition);

        Assert.Equal(["builder-1", "builder-2"], Team.Calls.Where(c => c.Context.Stage == "IMPLEMENTATION" && c.Task == AgentTask.Work).Select(c => c.AgentId).Order());
        AgentRequest review = Team.Calls.First(c => c.Context.Stage == "IMPLEMENTATION_REVIEW" && c.Task == AgentTask.ReviseWork);
        Assert.Contains("## builder-1\n\nIMPLEMENTATION by builder-1", review.Context.WorkToReview, StringComparison.Ordinal);
        Assert.Contains("## builder-2\n\nIMPLEMENTATION by builder-2", review.Context.WorkToReview, StringComparison.Ordinal);
        Assert.Equal(RunStatus.Complete, result.Status);

        // Both write the same artifact: merged in the declared order, whichever finished last (it once held only that one).
        Assert.Equal(
            "## builder-1\n\n# implementation_notes.md\nwritten for IMPLEMENTATION by builder-1\n\n## builder-2\n\n# implementation_notes.md\nwritten for IMPLEMENTATION by builder-2\n",
            File.ReadAllText(Path.Combine(result.RunDirectory, "artifacts", "implementation_notes.md")));
    }

    [Fact]
    public async Task Group_members_never_exceed_max_concurrency_and_the_gate_waits_for_all()
    {
        foreach (string member in new[] { "ALPHA", "BETA", "GAMMA" })
        {
            Team.Gate(member);
        }

        Task<WorkflowResult> running = RunAsync(Groups.Definition);
        await TestSupport.WaitUntilAsync(() => Team.Calls.Count(c => c.Context.Stage is "ALPHA" or "BETA" or "GAMMA") == 2);
        await Task.Delay(100);
        Assert.Equal(2, Team.Calls.Count(c => c.Context.Stage is "ALPHA" or "BETA" or "GAMMA"));

        Team.Gate("ALPHA").SetResult();
        Team.Gate("BETA").SetResult();
        await Task.Delay(100);
        Assert.DoesNotContain("GATE", Team.StagesWorked());
        Team.Gate("GAMMA").SetResult();
        WorkflowResult result = await running.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(RunStatus.Complete, result.Status);
        Assert.Equal(2, Team.MaxConcurrent);
        Assert.Equal(3, Progress.Events.Count(e => e.Kind == WorkflowEventKind.MemberStarted));
        Assert.Equal("GATE", Team.StagesWorked().SkipWhile(s => s != "START").Skip(4).First());
    }

    [Fact]
    public async Task The_options_can_lower_a_group_s_concurrency()
    {
        WorkflowResult result = await RunAsync(Groups.Definition, new WorkflowRunnerOptions { MaxConcurrency = 1 });

        Assert.Equal(RunStatus.Complete, result.Status);
        Assert.Equal(1, Team.MaxConcurrent);
    }

    [Fact]
    public async Task Optional_stages_can_be_skipped_by_option()
    {
        WorkflowResult result = await RunAsync(Workflow.Definition, new WorkflowRunnerOptions { Policy = new ExecutionPolicy { SkipOptionalStages = true } });

        Assert.Equal(RunStatus.Complete, result.Status);
        Assert.DoesNotContain("BUSINESS_PROBLEM", Team.StagesWorked());
        Assert.Contains(Progress.Events, e => e.Kind == WorkflowEventKind.StageSkipped && e.Stage == "BUSINESS_PROBLEM");
    }

    [Fact]
    public async Task A_failing_member_does_not_cancel_its_siblings_and_the_run_names_it()
    {
        Team.FailingStages.Add("BETA");

        WorkflowResult result = await RunAsync(Groups.Definition);

        Assert.Equal(RunStatus.Error, result.Status);
        Assert.Contains("BETA", result.Error!, StringComparison.Ordinal);
        Assert.Contains("ALPHA", result.CompletedStages);
        Assert.Contains("GAMMA", result.CompletedStages);
        Assert.DoesNotContain("GATE", Team.StagesWorked());
        SavedRun<GroupsStage> saved = await _host.SavedAsync(Groups.Definition);
        GroupStatusEntry members = saved.Document.ParallelGroupStatus!["fan"];
        Assert.Equal("failed", members.Stages["BETA"].Status);
        Assert.Contains("could not do BETA", members.Stages["BETA"].Error, StringComparison.Ordinal);
        Assert.Equal("completed", members.Stages["ALPHA"].Status);
        Assert.Equal("error", saved.Document.Status);

        // The events carry what the Python tool's did: each member's agent, the group's outcome, the run's end.
        Assert.Equal("builder-2", Assert.Single(Progress.Events, e => e.Kind == WorkflowEventKind.MemberFailed).Agent);
        Assert.Equal("builder-1", Progress.Events.Single(e => e.Kind == WorkflowEventKind.MemberStarted && e.Stage == "ALPHA").Agent);
        Assert.Equal(false, Assert.Single(Progress.Events, e => e.Kind == WorkflowEventKind.GroupFailed).AllSucceeded);
        WorkflowEvent stopped = Assert.Single(Progress.Events, e => e.Kind == WorkflowEventKind.RunStopped);
        Assert.Equal(RunStatus.Error, stopped.Status);
        Assert.NotNull(stopped.Elapsed);
    }

    [Fact]
    public async Task Resuming_a_failed_group_reruns_only_the_failed_member()
    {
        Team.FailingStages.Add("BETA");
        await RunAsync(Groups.Definition);
        Team.FailingStages.Clear();
        Team.Calls.Clear();

        WorkflowResult result = await _host.ResumeAsync(Groups.Definition, TestRun.Objective, Progress);

        Assert.Equal(RunStatus.Complete, result.Status);
        Assert.Equal(["BETA", "GATE"], Team.StagesWorked());
    }

    [Fact]
    public async Task Cancelled_mid_group_a_resume_runs_only_the_members_that_had_not_finished()
    {
        Team.Gate("BETA");
        Team.Gate("GAMMA");
        using var cancel = new CancellationTokenSource();
        Task<WorkflowResult> running = RunAsync(Groups.Definition, cancellationToken: cancel.Token);
        await TestSupport.WaitUntilAsync(() => Progress.Events.Any(e => e.Kind == WorkflowEventKind.MemberCompleted && e.Stage == "ALPHA") && Team.StagesWorked().Contains("GAMMA"));
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => running.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Equal("cancelled", (await _host.SavedAsync(Groups.Definition)).Document.Status);

        Team.Gates.Clear();
        Team.Calls.Clear();
        WorkflowResult result = await _host.ResumeAsync(Groups.Definition, TestRun.Objective, Progress);

        Assert.Equal(RunStatus.Complete, result.Status);
        Assert.Equal(["BETA", "GAMMA", "GATE"], Team.StagesWorked().Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_review_that_is_never_approved_fails_and_writes_a_failure_report()
    {
        Team.ApproveFromIteration = 99;

        WorkflowResult result = await RunAsync(Workflow.Definition);

        Assert.Equal(RunStatus.ReviewFailed, result.Status);
        // One report per failure, named for when it was written, as the Python tool named them.
        string file = Assert.Single(Directory.GetFiles(Path.Combine(_host.RunDirectory, "failures")));
        Assert.Matches(@"^\d{8}-\d{6}-spec_review-review-failure\.md$", Path.GetFileName(file));
        string report = File.ReadAllText(file);
        Assert.StartsWith("# Review Failure Report: SPEC_REVIEW\n\n**Timestamp**: ", report, StringComparison.Ordinal);
        Assert.Contains("## Suggestions for Resolution", report, StringComparison.Ordinal);
        Assert.Contains("### Iteration 4", report, StringComparison.Ordinal);
        Assert.Contains("Not approved: iteration 4", report, StringComparison.Ordinal);
        Assert.Equal(4, Team.StagesWorked(AgentTask.Review).Count());
    }

    [Fact]
    public async Task Acceptance_tests_read_the_spec_fail_get_fixed_and_pass()
    {
        Team.PassFromRun = 2;

        WorkflowResult result = await RunAsync(Workflow.Definition);

        Assert.Equal(RunStatus.Complete, result.Status);
        AgentRequest[] tests = Team.Calls.Where(c => c.Task == AgentTask.RunAcceptanceTests).ToArray();
        Assert.Equal(2, tests.Length);
        Assert.Equal(["AT-001", "AT-002"], tests[0].Context.Scenarios.Select(s => s.Id));
        AgentRequest fix = Assert.Single(Team.Calls, c => c.Task == AgentTask.FixAcceptanceFailures);
        Assert.Contains("FAIL AT-001", fix.Context.AcceptanceFailures, StringComparison.Ordinal);
        OrchestrationStateDocument state = (await _host.SavedAsync(Workflow.Definition)).Document;
        Assert.Equal(2, state.AcceptanceTestHistory.Count);
        Assert.True(state.AcceptanceTestHistory[0].FixApplied);
        Assert.Equal("fixed run 1", state.AcceptanceTestHistory[0].FixSummary);
        Assert.Equal("✅ ALL PASSED: 2/2 passed, 0 failed", state.AcceptanceTestSummary);
    }

    [Fact]
    public async Task A_second_run_of_the_same_objective_is_refused()
    {
        await RunAsync(Workflow.Definition);

        await Assert.ThrowsAsync<WorkflowStateException>(() => RunAsync(Workflow.Definition));
    }

    [Fact]
    public async Task Artifacts_outside_the_declared_paths_fail_the_stage()
    {
        WorkflowResult result = await _host.RunAsync(Groups.Definition, AgentRegistry.ForAll(new RogueAgent()), new WorkflowRunnerOptions(), TestRun.Objective, Progress);

        Assert.Equal(RunStatus.Error, result.Status);
        Assert.Contains("../escape.md", result.Error!, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_host.RunDirectory, "escape.md")));
    }

    [Fact]
    public async Task A_stage_that_outlives_its_timeout_stops_the_run_with_timeout()
    {
        var time = new FakeTimeProvider();
        Team.Time = time;
        Team.Delays["SLOW"] = TimeSpan.FromHours(1);

        Task<WorkflowResult> running = RunAsync(Timed.Definition, new WorkflowRunnerOptions { TimeProvider = time });
        await TestSupport.WaitUntilAsync(() => !Team.Calls.IsEmpty);
        time.Advance(TimeSpan.FromMinutes(11));
        WorkflowResult result = await running.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(RunStatus.Timeout, result.Status);
        Assert.Contains("timed out after 00:10:00", result.Error!, StringComparison.Ordinal);
        Assert.Equal("timeout", (await _host.SavedAsync(Timed.Definition)).Document.Status);
    }

    [Fact]
    public async Task The_run_budget_counts_elapsed_time_and_stops_a_stage_in_the_middle()
    {
        var time = new FakeTimeProvider();
        Team.Time = time;
        Team.Delays["SLOW"] = TimeSpan.FromHours(1);

        Task<WorkflowResult> running = RunAsync(Timed.Definition, new WorkflowRunnerOptions { TimeProvider = time, TimeBudget = TimeSpan.FromMinutes(5) });
        await TestSupport.WaitUntilAsync(() => !Team.Calls.IsEmpty);
        time.Advance(TimeSpan.FromMinutes(6));
        WorkflowResult result = await running.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(RunStatus.Timeout, result.Status);
        Assert.Contains("time budget", result.Error!, StringComparison.Ordinal);
        OrchestrationStateDocument state = (await _host.SavedAsync(Timed.Definition)).Document;
        Assert.Equal("timeout", state.Status);
        Assert.Equal(300, state.MaxSeconds);
        Assert.InRange(state.ElapsedSeconds, 300, 400);
    }

    [Fact]
    public async Task Cancelling_inside_a_stage_saves_cancelled_and_resume_completes_without_rerunning_finished_stages()
    {
        Team.Gate("SPEC");
        using var cancel = new CancellationTokenSource();

        Task<WorkflowResult> running = RunAsync(Workflow.Definition, cancellationToken: cancel.Token);
        await TestSupport.WaitUntilAsync(() => Team.StagesWorked().Contains("SPEC"));
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => running.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Equal("cancelled", (await _host.SavedAsync(Workflow.Definition)).Document.Status);
        Assert.Contains(Progress.Events, e => e.Kind == WorkflowEventKind.RunStopped);

        // The agent is told too; on a cluster the cancellation reaches its silo a moment after the run has stopped.
        await TestSupport.WaitUntilAsync(() => Team.CancelledStages.Contains("SPEC"));

        Team.Gates.Clear();
        Team.Calls.Clear();
        WorkflowResult result = await _host.ResumeAsync(Workflow.Definition, TestRun.Objective, Progress);

        Assert.Equal(RunStatus.Complete, result.Status);
        Assert.DoesNotContain("SETUP", Team.StagesWorked());
        Assert.DoesNotContain("BUSINESS_PROBLEM", Team.StagesWorked());
        Assert.Equal("SPEC", Team.StagesWorked().First());
    }

    [Fact]
    public async Task An_exhausted_budget_stops_a_resumed_run_before_any_stage_and_a_larger_one_finishes_it()
    {
        var time = new FakeTimeProvider();
        Team.Time = time;
        Team.Delays["SLOW"] = TimeSpan.FromHours(1);
        Task<WorkflowResult> first = RunAsync(Timed.Definition, new WorkflowRunnerOptions { TimeProvider = time, TimeBudget = TimeSpan.FromMinutes(5) });
        await TestSupport.WaitUntilAsync(() => !Team.Calls.IsEmpty);
        time.Advance(TimeSpan.FromMinutes(6));
        await first.WaitAsync(TimeSpan.FromSeconds(30));
        Team.Calls.Clear();

        WorkflowResult again = await _host.ResumeAsync(Timed.Definition, TestRun.Objective, Progress);
        Assert.Equal(RunStatus.Timeout, again.Status);
        Assert.Empty(Team.Calls);

        Team.Delays.Clear();
        WorkflowResult extended = await _host.ResumeAsync(Timed.Definition, TestRun.Objective, Progress, new RunOverrides(TimeBudget: TimeSpan.FromHours(1)));
        Assert.Equal(RunStatus.Complete, extended.Status);
        Assert.InRange(extended.Elapsed.TotalMinutes, 6, 7);
    }

    [Fact]
    public async Task A_run_from_code_takes_the_time_budget_stages_yaml_declares()
    {
        // bounds.stages.yaml declares budget.time 07:00:00 (and a token budget, which the options raise past its run).
        Team.Usage = 100;
        WorkflowResult result = await RunAsync(Bounds.Definition, new WorkflowRunnerOptions { Budget = new RunBudget { Tokens = 1_000_000 } });

        // The fake team fails the workflow's one acceptance run: the run ends, neither out of time nor out of tokens.
        Assert.Equal(RunStatus.AcceptanceTestFailed, result.Status);
        Assert.Equal(TimeSpan.FromHours(7), Bounds.Definition.Budget.Time);
        Assert.Equal(TimeSpan.FromHours(7).TotalSeconds, (await _host.SavedAsync(Bounds.Definition)).Document.MaxSeconds);
    }

    [Fact]
    public async Task A_run_stopped_by_its_token_budget_resumes_with_a_larger_one_which_a_later_resume_keeps()
    {
        // Each call reports 100 tokens: a budget of N hundred and one tokens makes N + 1 calls and stops before the next.
        Team.Usage = 100;
        WorkflowResult first = await RunAsync(Workflow.Definition, new WorkflowRunnerOptions { Budget = new RunBudget { Tokens = 101, Cost = 1_000m, Prices = [new ModelPrice("fake", 1m, 1m)] } });
        Assert.Equal(RunStatus.BudgetExceeded, first.Status);
        Assert.Equal(2, Team.Calls.Count);

        // A larger token budget, given on resume, wins over the submitted one and keeps its cost budget and prices.
        WorkflowResult larger = await _host.ResumeAsync(Workflow.Definition, TestRun.Objective, Progress, new RunOverrides(Budget: new RunBudget { Tokens = 401 }));
        Assert.Equal(RunStatus.BudgetExceeded, larger.Status);
        Assert.Equal(5, Team.Calls.Count);

        // A resume that gives none keeps it: one that fell back to the budget the run was started with would save 101.
        WorkflowResult kept = await _host.ResumeAsync(Workflow.Definition, TestRun.Objective, Progress);
        Assert.Equal(RunStatus.BudgetExceeded, kept.Status);
        Assert.Equal(5, Team.Calls.Count);
        SavedRun<Stage> saved = await _host.SavedAsync(Workflow.Definition);
        Assert.Equal((401L, 1_000m, "fake"), (saved.Document.MaxTokens, saved.Document.MaxCost, Assert.Single(saved.Document.Prices!).Model));
        Assert.Equal(500, saved.State.TotalUsage.TotalTokens);

        WorkflowResult finished = await _host.ResumeAsync(Workflow.Definition, TestRun.Objective, Progress, new RunOverrides(Budget: new RunBudget { Tokens = 1_000_000 }));
        Assert.Equal(RunStatus.Complete, finished.Status);
        saved = await _host.SavedAsync(Workflow.Definition);
        Assert.Equal(Team.Calls.Count * 100L, saved.State.TotalUsage.TotalTokens);
    }

    private Task<WorkflowResult> RunAsync<TStage>(IWorkflowDefinition<TStage> workflow, WorkflowRunnerOptions? options = null, CancellationToken cancellationToken = default)
        where TStage : struct, Enum =>
        _host.RunAsync(workflow, AgentRegistry.ForAll(Team), options ?? new WorkflowRunnerOptions(), TestRun.Objective, Progress, cancellationToken);

    private sealed class RogueAgent : IStageAgent
    {
        public Task<AgentResponse> RunAsync(AgentRequest request, CancellationToken cancellationToken) =>
            Task.FromResult(new AgentResponse { Output = "x", Artifacts = new System.Collections.Generic.Dictionary<string, string> { ["../escape.md"] = "gotcha" } });
    }
}
