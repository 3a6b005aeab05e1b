using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using TeamBot.Agents;
using TeamBot.Execution;
using TeamBot.Rules;
using TeamBot.State;
using TeamBot.Tests.Fakes;

namespace TeamBot.Tests.Runner;

/// <summary>The runner with a fake team: complete runs, groups, reviews, acceptance tests and state on disk.</summary>
public sealed class RunnerTests
{
    [Fact]
    public async Task A_full_run_completes_writes_every_declared_artifact_and_a_valid_state_file()
    {
        using var run = new TestRun();

        WorkflowResult result = await run.RunAsync(Workflow.Definition);

        Assert.Equal(RunStatus.Complete, result.Status);
        Assert.Equal(Workflow.Definition.StageOrder.Select(Workflow.Definition.GetStageName), result.CompletedStages);
        foreach (string artifact in Workflow.Definition.Stages.SelectMany(stage => stage.Artifacts))
        {
            Assert.True(File.Exists(Path.Combine(run.Directory, "artifacts", artifact)), $"{artifact} was not written");
        }

        using JsonDocument state = JsonDocument.Parse(File.ReadAllBytes(run.Store.StatePath));
        Assert.Equal("complete", state.RootElement.GetProperty("status").GetString());
        Assert.Equal("COMPLETE", state.RootElement.GetProperty("current_stage").GetString());
        Assert.True(state.RootElement.GetProperty("acceptance_tests_passed").GetBoolean());
        Assert.Equal("completed", state.RootElement.GetProperty("parallel_group_status").GetProperty("post_spec_review").GetProperty("stages").GetProperty("TEST_STRATEGY").GetProperty("status").GetString());
        Assert.Empty(Directory.GetFiles(run.Directory, "*.tmp"));
    }

    [Fact]
    public async Task Events_fire_exactly_once_and_each_stage_starts_before_it_completes()
    {
        using var run = new TestRun();

        await run.RunAsync(Workflow.Definition);

        WorkflowEvent[] events = run.Progress.Events.ToArray();
        Assert.Equal(WorkflowEventKind.RunStarted, events[0].Kind);
        Assert.Equal(WorkflowEventKind.RunCompleted, events[^1].Kind);
        Assert.All(events.GroupBy(e => (e.Kind, e.Stage, e.Group, e.Iteration)), group => Assert.Single(group));
        Assert.Single(events, e => e.Kind == WorkflowEventKind.GroupCompleted);
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
        using var run = new TestRun();

        WorkflowResult result = await run.RunAsync(Workflow.Definition);

        Assert.Equal(["builder-1", "builder-2"], run.Team.Calls.Where(c => c.Context.Stage == "IMPLEMENTATION" && c.Task == AgentTask.Work).Select(c => c.AgentId).Order());
        AgentRequest review = run.Team.Calls.First(c => c.Context.Stage == "IMPLEMENTATION_REVIEW" && c.Task == AgentTask.ReviseWork);
        Assert.Contains("## builder-1\n\nIMPLEMENTATION by builder-1", review.Context.WorkToReview, StringComparison.Ordinal);
        Assert.Contains("## builder-2\n\nIMPLEMENTATION by builder-2", review.Context.WorkToReview, StringComparison.Ordinal);
        Assert.Equal(RunStatus.Complete, result.Status);
    }

    [Fact]
    public async Task Group_members_never_exceed_max_concurrency_and_the_gate_waits_for_all()
    {
        using var run = new TestRun();
        foreach (string member in new[] { "ALPHA", "BETA", "GAMMA" })
        {
            run.Team.Gate(member);
        }

        var twoStarted = new TaskCompletionSource();
        run.Progress.OnReport = e =>
        {
            if (run.Progress.Events.Count(x => x.Kind == WorkflowEventKind.MemberStarted) == 2)
            {
                twoStarted.TrySetResult();
            }
        };

        Task<WorkflowResult> running = run.RunAsync(Groups.Definition);
        await twoStarted.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await Task.Delay(100);
        Assert.Equal(2, run.Progress.Events.Count(e => e.Kind == WorkflowEventKind.MemberStarted));

        run.Team.Gate("ALPHA").SetResult();
        run.Team.Gate("BETA").SetResult();
        await Task.Delay(100);
        Assert.DoesNotContain("GATE", run.Team.StagesWorked());
        run.Team.Gate("GAMMA").SetResult();
        WorkflowResult result = await running.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(RunStatus.Complete, result.Status);
        Assert.Equal(2, run.Team.MaxConcurrent);
        Assert.Equal(3, run.Progress.Events.Count(e => e.Kind == WorkflowEventKind.MemberStarted));
        Assert.Equal("GATE", run.Team.StagesWorked().SkipWhile(s => s != "START").Skip(4).First());
    }

    [Fact]
    public async Task The_options_can_lower_a_group_s_concurrency()
    {
        using var run = new TestRun();

        WorkflowResult result = await run.RunAsync(Groups.Definition, new WorkflowRunnerOptions { MaxConcurrency = 1 });

        Assert.Equal(RunStatus.Complete, result.Status);
        Assert.Equal(1, run.Team.MaxConcurrent);
    }

    [Fact]
    public async Task Optional_stages_can_be_skipped_by_option()
    {
        using var run = new TestRun();

        WorkflowResult result = await run.RunAsync(Workflow.Definition, new WorkflowRunnerOptions { Policy = new ExecutionPolicy { SkipOptionalStages = true } });

        Assert.Equal(RunStatus.Complete, result.Status);
        Assert.DoesNotContain("BUSINESS_PROBLEM", run.Team.StagesWorked());
        Assert.Contains(run.Progress.Events, e => e.Kind == WorkflowEventKind.StageSkipped && e.Stage == "BUSINESS_PROBLEM");
    }

    [Fact]
    public async Task A_failing_member_does_not_cancel_its_siblings_and_the_run_names_it()
    {
        using var run = new TestRun();
        run.Team.FailingStages.Add("BETA");

        WorkflowResult result = await run.RunAsync(Groups.Definition);

        Assert.Equal(RunStatus.Error, result.Status);
        Assert.Contains("BETA", result.Error!, StringComparison.Ordinal);
        Assert.Contains("ALPHA", result.CompletedStages);
        Assert.Contains("GAMMA", result.CompletedStages);
        Assert.DoesNotContain("GATE", run.Team.StagesWorked());
        using JsonDocument state = JsonDocument.Parse(File.ReadAllBytes(run.Store.StatePath));
        JsonElement members = state.RootElement.GetProperty("parallel_group_status").GetProperty("fan").GetProperty("stages");
        Assert.Equal("failed", members.GetProperty("BETA").GetProperty("status").GetString());
        Assert.Contains("could not do BETA", members.GetProperty("BETA").GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal("completed", members.GetProperty("ALPHA").GetProperty("status").GetString());
        Assert.Equal("error", state.RootElement.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Resuming_a_failed_group_reruns_only_the_failed_member()
    {
        using var run = new TestRun();
        run.Team.FailingStages.Add("BETA");
        await run.RunAsync(Groups.Definition);
        run.Team.FailingStages.Clear();
        run.Team.Calls.Clear();

        WorkflowResult result = await run.Runner(Groups.Definition).ResumeAsync(TestRun.Objective, run.Progress);

        Assert.Equal(RunStatus.Complete, result.Status);
        Assert.Equal(["BETA", "GATE"], run.Team.StagesWorked());
    }

    [Fact]
    public async Task A_review_that_is_never_approved_fails_and_writes_a_failure_report()
    {
        using var run = new TestRun();
        run.Team.ApproveFromIteration = 99;

        WorkflowResult result = await run.RunAsync(Workflow.Definition);

        Assert.Equal(RunStatus.ReviewFailed, result.Status);
        string report = File.ReadAllText(Path.Combine(run.Directory, "failures", "SPEC_REVIEW-review-failed.md"));
        Assert.Contains("## Reviewer's suggestions", report, StringComparison.Ordinal);
        Assert.Contains("## Iteration 4", report, StringComparison.Ordinal);
        Assert.Contains("Not approved: iteration 4", report, StringComparison.Ordinal);
        Assert.Equal(4, run.Team.StagesWorked(AgentTask.Review).Count());
    }

    [Fact]
    public async Task Acceptance_tests_read_the_spec_fail_get_fixed_and_pass()
    {
        using var run = new TestRun();
        run.Team.PassFromRun = 2;

        WorkflowResult result = await run.RunAsync(Workflow.Definition);

        Assert.Equal(RunStatus.Complete, result.Status);
        AgentRequest[] tests = run.Team.Calls.Where(c => c.Task == AgentTask.RunAcceptanceTests).ToArray();
        Assert.Equal(2, tests.Length);
        Assert.Equal(["AT-001", "AT-002"], tests[0].Context.Scenarios.Select(s => s.Id));
        AgentRequest fix = Assert.Single(run.Team.Calls, c => c.Task == AgentTask.FixAcceptanceFailures);
        Assert.Contains("FAIL AT-001", fix.Context.AcceptanceFailures, StringComparison.Ordinal);
        using JsonDocument state = JsonDocument.Parse(File.ReadAllBytes(run.Store.StatePath));
        JsonElement history = state.RootElement.GetProperty("acceptance_test_history");
        Assert.Equal(2, history.GetArrayLength());
        Assert.True(history[0].GetProperty("fix_applied").GetBoolean());
        Assert.Equal("fixed run 1", history[0].GetProperty("fix_summary").GetString());
        Assert.Equal("✅ ALL PASSED: 2/2 passed, 0 failed", state.RootElement.GetProperty("acceptance_test_summary").GetString());
    }

    [Fact]
    public async Task A_second_run_in_the_same_folder_is_refused()
    {
        using var run = new TestRun();
        await run.RunAsync(Workflow.Definition);

        await Assert.ThrowsAsync<WorkflowStateException>(() => run.RunAsync(Workflow.Definition));
    }

    [Fact]
    public async Task Two_runners_cannot_run_the_same_state_at_once()
    {
        using var run = new TestRun();
        run.Team.Gate("SETUP");
        Task<WorkflowResult> first = run.RunAsync(Workflow.Definition);
        await WaitUntilAsync(() => !run.Team.Calls.IsEmpty);

        var ex = await Assert.ThrowsAsync<WorkflowStateLockedException>(() => run.Runner(Workflow.Definition).ResumeAsync(TestRun.Objective));
        Assert.Contains(run.Directory, ex.Message, StringComparison.Ordinal);

        run.Team.Gate("SETUP").SetResult();
        Assert.Equal(RunStatus.Complete, (await first).Status);
    }

    [Fact]
    public async Task Artifacts_outside_the_declared_paths_fail_the_stage()
    {
        using var run = new TestRun();
        var rogue = new RogueAgent();
        var runner = new WorkflowRunner<GroupsStage>(Groups.Definition, AgentRegistry.ForAll(rogue), run.Store, new WorkflowRunnerOptions { WorkingDirectory = run.Directory });

        WorkflowResult result = await runner.RunAsync(TestRun.Objective);

        Assert.Equal(RunStatus.Error, result.Status);
        Assert.Contains("../escape.md", result.Error!, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(run.Directory, "escape.md")));
    }

    internal static async Task WaitUntilAsync(Func<bool> condition)
    {
        for (int i = 0; i < 500 && !condition(); i++)
        {
            await Task.Delay(10);
        }

        Assert.True(condition(), "The condition was not met in time.");
    }

    private sealed class RogueAgent : IStageAgent
    {
        public Task<AgentResponse> RunAsync(AgentRequest request, CancellationToken cancellationToken) =>
            Task.FromResult(new AgentResponse { Output = "x", Artifacts = new System.Collections.Generic.Dictionary<string, string> { ["../escape.md"] = "gotcha" } });
    }
}
