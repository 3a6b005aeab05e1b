using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using TeamBot.Agents;
using TeamBot.Execution;
using TeamBot.Rules;
using TeamBot.State;
using TeamBot.Tests.Fakes;

namespace TeamBot.Tests.State;

/// <summary>The state file: the Python TeamBot's files load and resume, bad files are refused and left untouched.</summary>
public sealed class StateFileTests
{
    [LegacyFixtureFact]
    public async Task Every_legacy_state_file_loads_into_the_compiled_workflow()
    {
        var mapper = new RunStateMapper<Stage>(Workflow.Definition);
        foreach (string file in Directory.GetFiles(LegacyFixtures.Directory!, "*.json"))
        {
            OrchestrationStateDocument document = (await new FileStateStore(Copy(file, out string _)).LoadAsync(CancellationToken.None))!;
            RunState<Stage> state = mapper.ToState(document, file);

            Assert.True(document.StageOutputs.Count > 0, file);
            Assert.Equal(document.StageOutputs.Count, state.Outputs.Count);
            Assert.Equal(document.AcceptanceTestHistory.Count, state.Acceptance.History.Count);
        }
    }

    [LegacyFixtureFact]
    public async Task Complete_legacy_runs_resume_as_complete_without_calling_an_agent()
    {
        foreach (string name in new[] { "copilot-sdk.json", "parallel-stage-groups.json", "notification-ux-improvements.json" })
        {
            using var run = new TestRun();
            File.Copy(LegacyFixtures.Path(name), run.Store.StatePath);

            WorkflowResult result = await run.Runner(Workflow.Definition).ResumeAsync(TestRun.Objective);

            Assert.Equal(RunStatus.Complete, result.Status);
            Assert.Empty(run.Team.Calls);
        }
    }

    [LegacyFixtureFact]
    public async Task The_mid_group_failure_reruns_test_strategy_only_then_continues_at_plan()
    {
        using var run = new TestRun();
        File.Copy(LegacyFixtures.Path("mid-group-failed.json"), run.Store.StatePath);

        // No spec artifact, as in the Python tool's saved runs: its saved SPEC output has no scenarios, so the spec's
        // owner is asked for them, and the run finishes.
        WorkflowResult result = await run.Runner(Workflow.Definition).ResumeAsync(TestRun.Objective, run.Progress);

        Assert.Equal(RunStatus.Complete, result.Status);
        Assert.Equal("ba", Assert.Single(run.Team.Calls, c => c.Task == AgentTask.AddAcceptanceScenarios).AgentId);
        Assert.Equal(["TEST_STRATEGY", "PLAN"], run.Team.StagesWorked().Take(2));
        Assert.DoesNotContain("RESEARCH", run.Team.Calls.Select(c => c.Context.Stage));
        Assert.DoesNotContain("SPEC", run.Team.Calls.Select(c => c.Context.Stage));
        Assert.Equal("# Research\nUse CsvHelper.", result.Outputs["RESEARCH"]);
        Assert.InRange(result.Elapsed.TotalSeconds, 1234.5, 1300);
    }

    [LegacyFixtureFact]
    public async Task A_failed_acceptance_loop_resumes_with_the_missing_fix_and_a_fresh_round_never_past_the_maximum()
    {
        // The Python run stopped after its 4th run of 4 with no fix; resuming it once ran "iteration 5 of 4" with no fix.
        using var run = new TestRun();
        File.Copy(LegacyFixtures.Path("shared-context.json"), run.Store.StatePath);
        WriteSpecArtifact(run);

        WorkflowResult result = await run.Runner(Workflow.Definition).ResumeAsync(TestRun.Objective);

        Assert.Equal(RunStatus.Complete, result.Status);
        AgentRequest fix = Assert.Single(run.Team.Calls, c => c.Task == AgentTask.FixAcceptanceFailures);
        Assert.Equal("❌ FAILURES: 1/8 passed, 7 failed", fix.Context.AcceptanceFailures);
        AgentRequest tests = Assert.Single(run.Team.Calls, c => c.Task == AgentTask.RunAcceptanceTests);
        Assert.Equal(1, tests.Context.Iteration);
        Assert.True(run.Team.Calls.ToList().IndexOf(fix) < run.Team.Calls.ToList().IndexOf(tests));
        Assert.Equal(["POST_REVIEW", "POST_REVIEW"], run.Team.Calls.Where(c => c.Task is AgentTask.ReviseWork or AgentTask.Review).Select(c => c.Context.Stage));
        JsonNode state = JsonNode.Parse(File.ReadAllText(run.Store.StatePath))!;
        JsonArray history = state["acceptance_test_history"]!.AsArray();
        Assert.Equal(5, history.Count);
        Assert.StartsWith("I see the routing is correct.", history[0]!["fix_summary"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.True(history[3]!["fix_applied"]!.GetValue<bool>());
        Assert.Equal(1, history[4]!["iteration"]!.GetValue<int>());
        Assert.True(history[4]!["all_passed"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Unknown_fields_survive_a_resume_and_review_counters_continue()
    {
        using var run = new TestRun();
        File.Copy(Fixture("mid-review.json"), run.Store.StatePath);
        WriteSpecArtifact(run);

        WorkflowResult result = await run.Runner(Workflow.Definition).ResumeAsync(TestRun.Objective);

        Assert.Equal(RunStatus.Complete, result.Status);
        Assert.Equal(3, run.Team.Calls.First(c => c.Context.Stage == "PLAN_REVIEW").Context.Iteration);
        JsonNode saved = JsonNode.Parse(File.ReadAllText(run.Store.StatePath))!;
        JsonNode original = JsonNode.Parse(File.ReadAllText(Fixture("mid-review.json")))!;
        Assert.True(JsonNode.DeepEquals(original["custom_dashboard_field"], saved["custom_dashboard_field"]));
        Assert.Equal(3, saved["review_iterations"]!["PLAN_REVIEW"]!.GetValue<int>());
    }

    [Fact]
    public async Task A_corrupt_state_file_is_an_error_naming_it_and_is_left_untouched()
    {
        using var run = new TestRun();
        File.Copy(Fixture("corrupt.json"), run.Store.StatePath);
        byte[] before = File.ReadAllBytes(run.Store.StatePath);
        DateTime written = File.GetLastWriteTimeUtc(run.Store.StatePath);

        var ex = await Assert.ThrowsAsync<WorkflowStateException>(() => run.Runner(Workflow.Definition).ResumeAsync(TestRun.Objective));

        Assert.Contains(run.Store.StatePath, ex.Message, StringComparison.Ordinal);
        Assert.Contains("corrupt", ex.Message, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllBytes(run.Store.StatePath));
        Assert.Equal(written, File.GetLastWriteTimeUtc(run.Store.StatePath));
        Assert.Empty(run.Team.Calls);
    }

    [Fact]
    public async Task A_state_naming_stages_the_workflow_lacks_is_a_clear_error()
    {
        using var run = new TestRun();
        File.Copy(Fixture("mid-review.json"), run.Store.StatePath);

        var ex = await Assert.ThrowsAsync<WorkflowStateException>(() => run.Runner(Groups.Definition).ResumeAsync(TestRun.Objective));

        Assert.Contains("names stage 'PLAN_REVIEW'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("'Groups'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Resuming_without_a_saved_run_is_a_clear_error()
    {
        using var run = new TestRun();

        var ex = await Assert.ThrowsAsync<WorkflowStateException>(() => run.Runner(Workflow.Definition).ResumeAsync(TestRun.Objective));

        Assert.Contains("no run to resume", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_most_recently_saved_run_is_found_for_a_resume_without_a_name()
    {
        string root = Path.Combine(Path.GetTempPath(), "teambot-tests", Guid.NewGuid().ToString("N"));
        try
        {
            foreach ((string feature, int minutesAgo) in new[] { ("older", 30), ("newest", 1), ("old", 10) })
            {
                var store = new FileStateStore(Path.Combine(root, feature));
                await store.SaveAsync(new OrchestrationStateDocument { FeatureName = feature }, CancellationToken.None);
                File.SetLastWriteTimeUtc(store.StatePath, DateTime.UtcNow.AddMinutes(-minutesAgo));
            }

            Assert.Equal(Path.Combine(root, "newest"), FileStateStore.FindMostRecentRun(root));
            Assert.Null(FileStateStore.FindMostRecentRun(Path.Combine(root, "missing")));

            // A run under way writes its journal after every event and its snapshot only now and then.
            var journaled = new FileStateStore(Path.Combine(root, "older"));
            await journaled.AppendAsync([new JournalEntry { Sequence = 1, Event = "stage_succeeded", Stage = "SETUP" }], CancellationToken.None);
            Assert.Equal(Path.Combine(root, "older"), FileStateStore.FindMostRecentRun(root));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public async Task Runs_of_different_features_keep_separate_state()
    {
        using var first = new TestRun();
        using var second = new TestRun();

        await Task.WhenAll(first.RunAsync(Groups.Definition), second.RunAsync(Workflow.Definition));

        Assert.Equal("fan", JsonNode.Parse(File.ReadAllText(first.Store.StatePath))!["parallel_group_status"]!.AsObject().Single().Key);
        Assert.Equal("post_spec_review", JsonNode.Parse(File.ReadAllText(second.Store.StatePath))!["parallel_group_status"]!.AsObject().Single().Key);
    }

    [Fact]
    public async Task Clearing_a_run_empties_its_folder_but_keeps_the_held_lock()
    {
        using var run = new TestRun();
        await run.RunAsync(Workflow.Definition);
        File.WriteAllText(Path.Combine(run.Directory, "notes.txt"), "from the earlier run");
        Assert.True(Directory.Exists(Path.Combine(run.Directory, "artifacts")));

        using (run.Store.Lock())
        {
            run.Store.ClearRun();

            Assert.Equal([FileStateStore.LockFileName], Directory.EnumerateFileSystemEntries(run.Directory).Select(Path.GetFileName));
            Assert.Null(await run.Store.LoadAsync(CancellationToken.None));
            Assert.Throws<WorkflowStateLockedException>(() => new FileStateStore(run.Directory).Lock());
        }

        string missing = Path.Combine(run.Directory, "missing");
        new FileStateStore(missing).ClearRun();
        Assert.False(Directory.Exists(missing));
    }

    private static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", name);

    private static string Copy(string file, out string directory)
    {
        directory = Path.Combine(Path.GetTempPath(), "teambot-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        File.Copy(file, Path.Combine(directory, FileStateStore.StateFileName));
        return directory;
    }

    private static void WriteSpecArtifact(TestRun run)
    {
        Directory.CreateDirectory(Path.Combine(run.Directory, "artifacts"));
        File.WriteAllText(Path.Combine(run.Directory, "artifacts", "feature_spec.md"), FakeTeam.Spec);
    }
}
