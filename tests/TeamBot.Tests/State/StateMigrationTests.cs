using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using TeamBot.Definitions;
using TeamBot.Execution;
using TeamBot.Rules;
using TeamBot.State;
using TeamBot.Tests.Fakes;

namespace TeamBot.Tests.State;

/// <summary>
/// A run saved under an earlier shipped version of the workflow: loading carries it over by the migration's stage names
/// (in memory, writing nothing), and refuses, naming the file and leaving it unchanged, a run that cannot carry over.
/// </summary>
public sealed class StateMigrationTests
{
    private static readonly string[] Before = ["SETUP", "BUSINESS_PROBLEM", "SPEC", "SPEC_REVIEW"];

    private static readonly string[] ThroughGroup = [.. Before, "RESEARCH", "TEST_STRATEGY"];

    [Fact]
    public async Task A_rename_carries_the_current_stage_completed_stages_outputs_and_journal_entries_over()
    {
        using var run = new TestRun();
        await WriteAsync(
            run,
            State("PLANNING", [.. Before.Select(s => s == "SPEC_REVIEW" ? "SPEC_CHECK" : s), "RESEARCH", "TEST_STRATEGY"], new() { ["SPEC"] = "# Spec", ["SPEC_CHECK"] = "approved" }),
            """{"seq":1,"elapsed_seconds":2,"event":"stage_succeeded","stage":"PLANNING","text":"# Plan"}""");
        IWorkflowDefinition<Stage> workflow = V2(Migration(renamed: new() { ["SPEC_CHECK"] = "SPEC_REVIEW", ["PLANNING"] = "PLAN" }));

        SavedRun<Stage> saved = await LoadUnchangedAsync(run, workflow);

        Assert.Equal("v1", saved.MigratedFrom);
        Assert.Equal(1, saved.ReplayedEntries);
        Assert.Contains(Stage.SpecReview, saved.State.Completed);
        Assert.Contains(Stage.Plan, saved.State.Completed);
        Assert.Equal(Stage.PlanReview, saved.State.CurrentStage);
        Assert.Equal("approved", saved.State.Outputs[Stage.SpecReview]);
        Assert.Equal("# Plan", saved.State.Outputs[Stage.Plan]);
        Assert.Equal("v2", saved.Document.WorkflowVersion);
        MigrationEntry entry = Assert.Single(saved.Document.Migrations!);
        (string from, string to, long at) = (entry.FromVersion, entry.ToVersion, entry.AppliedAtJournalSequence);
        Assert.Equal(("v1", "v2", 1L), (from, to, at));
        Assert.Equal(new Dictionary<string, string> { ["PLANNING"] = "PLAN", ["SPEC_CHECK"] = "SPEC_REVIEW" }, entry.Renamed);
        Assert.Empty(entry.Removed);
    }

    [Fact]
    public async Task A_removed_current_stage_resumes_at_its_target_with_that_stage_and_later_ones_no_longer_completed()
    {
        using var run = new TestRun();
        JsonObject state = State("ARCHITECTURE", [.. ThroughGroup, "PLAN", "PLAN_REVIEW"], new() { ["PLAN"] = "# Plan", ["ARCHITECTURE"] = "# Boxes" });
        state["review_iterations"] = new JsonObject { ["PLAN_REVIEW"] = 1, ["ARCHITECTURE"] = 2 };
        await WriteAsync(run, state, """{"seq":1,"elapsed_seconds":2,"event":"stage_failed","stage":"ARCHITECTURE","text":"boom"}""");

        SavedRun<Stage> saved = await LoadUnchangedAsync(run, V2(Migration(removed: new() { ["ARCHITECTURE"] = "PLAN" })));

        Assert.Equal(Stage.Plan, saved.State.CurrentStage);
        Assert.Equal(ThroughGroup, saved.Document.CompletedStages);
        Assert.Equal(new[] { "PLAN" }, saved.Document.StageOutputs.Keys);
        Assert.Equal(new[] { "PLAN_REVIEW" }, saved.Document.ReviewIterations!.Keys);
        Assert.Equal(RunStatus.InProgress, saved.State.Status); // the removed stage's failure was dropped with its entry
        Assert.Equal((1L, 0), (saved.JournalSequence, saved.ReplayedEntries));
        Assert.Equal(new Dictionary<string, string> { ["ARCHITECTURE"] = "PLAN" }, Assert.Single(saved.Document.Migrations!).Removed);
    }

    [Fact]
    public async Task A_removed_group_member_is_dropped_from_the_group_and_the_completed_stages()
    {
        using var run = new TestRun();
        JsonObject state = State("RESEARCH", [.. Before, "BENCHMARKS"], []);
        state["parallel_group_status"] = Group(("RESEARCH", "pending"), ("TEST_STRATEGY", "completed"), ("BENCHMARKS", "completed"));
        await WriteAsync(run, state);

        SavedRun<Stage> saved = await LoadUnchangedAsync(run, V2(Migration(removed: new() { ["BENCHMARKS"] = "PLAN" })));

        Assert.Equal(new[] { "RESEARCH", "TEST_STRATEGY" }, saved.Document.ParallelGroupStatus!["post_spec_review"].Stages.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(Before, saved.Document.CompletedStages);
        Assert.Equal(Stage.Research, saved.State.CurrentStage);
    }

    [Fact]
    public async Task A_member_added_to_the_group_a_run_is_inside_becomes_pending()
    {
        using var run = new TestRun();
        JsonObject state = State("RESEARCH", Before, []);
        state["parallel_group_status"] = Group(("RESEARCH", "failed"));
        await WriteAsync(run, state);

        SavedRun<Stage> saved = await LoadUnchangedAsync(run, V2(Migration()));

        Assert.Equal("pending", saved.Document.ParallelGroupStatus!["post_spec_review"].Stages["TEST_STRATEGY"].Status);
        Assert.Equal(MemberStatus.Pending, saved.State.Groups["post_spec_review"].Members[Stage.TestStrategy].Status);
        Assert.Equal(MemberStatus.Failed, saved.State.Groups["post_spec_review"].Members[Stage.Research].Status);
    }

    [Fact]
    public async Task Reset_iterations_restart_the_review_loop_a_run_is_inside_which_the_limit_would_otherwise_refuse()
    {
        using var run = new TestRun();
        JsonObject state = State("SPEC_REVIEW", ["SETUP", "BUSINESS_PROBLEM", "SPEC"], []);
        state["review_iterations"] = new JsonObject { ["SPEC_REVIEW"] = 4 };
        state["review_attempts"] = new JsonArray(new JsonObject { ["iteration"] = 4, ["work"] = "# Spec", ["review"] = "no", ["approved"] = false });
        await WriteAsync(run, state);

        SavedRun<Stage> saved = await LoadUnchangedAsync(run, V2(Migration(reset: ["SPEC_REVIEW"])));

        Assert.False(saved.State.ReviewIterations.ContainsKey(Stage.SpecReview));
        Assert.Empty(saved.State.ReviewAttempts);
        Assert.Equal(new[] { "SPEC_REVIEW" }, Assert.Single(saved.Document.Migrations!).ResetIterations);
    }

    [Fact]
    public async Task Reset_iterations_of_the_acceptance_stage_restart_its_runs()
    {
        using var run = new TestRun();
        JsonObject state = State("ACCEPTANCE_TEST", [.. ThroughGroup, "PLAN", "PLAN_REVIEW", "IMPLEMENTATION", "IMPLEMENTATION_REVIEW", "TEST"], []);
        state["acceptance_test_iterations"] = 2;
        state["acceptance_test_history"] = new JsonArray(
            new JsonObject { ["iteration"] = 1, ["passed"] = 1, ["failed"] = 1, ["total"] = 2, ["all_passed"] = false, ["fix_applied"] = true },
            new JsonObject { ["iteration"] = 2, ["passed"] = 1, ["failed"] = 1, ["total"] = 2, ["all_passed"] = false, ["fix_applied"] = true });
        await WriteAsync(run, state);

        SavedRun<Stage> saved = await LoadUnchangedAsync(run, V2(Migration(reset: ["ACCEPTANCE_TEST"])));

        Assert.Equal(0, saved.State.Acceptance.Iterations);
        Assert.Empty(saved.State.Acceptance.History);
    }

    [Fact]
    public async Task An_unknown_version_is_refused_naming_the_file_both_versions_and_the_known_ones()
    {
        using var run = new TestRun();
        JsonObject state = State("PLAN", ThroughGroup, []);
        state["workflow_version"] = "v0";
        await WriteAsync(run, state);

        string message = await RefusedAsync(run, V2(Migration()));

        Assert.Contains($"'{run.Store.StatePath}' was written under workflow version v0, which the compiled workflow '{Workflow.Definition.Name}' (version v2) does not know: it knows v1.", message, StringComparison.Ordinal);
        Assert.Contains("Resume it with the build that wrote it. A build's runs carry over only when its stages.yaml was recorded as shipped ('teambot workflow ship') before the edit.", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_run_inside_a_changed_group_is_refused()
    {
        using var run = new TestRun();
        JsonObject state = State("RESEARCH", Before, []);
        state["parallel_group_status"] = Group(("RESEARCH", "completed"), ("TEST_STRATEGY", "pending"));
        await WriteAsync(run, state);

        string message = await RefusedAsync(run, V2(Migration(changedGroups: ["post_spec_review"])));

        Assert.Contains($"'{run.Store.StatePath}' is inside parallel group 'post_spec_review', which changed", message, StringComparison.Ordinal);
        Assert.Contains("workflow version v1", message, StringComparison.Ordinal);
        Assert.Contains("version v2", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_loop_counter_at_the_compiled_limit_is_refused_naming_stage_counter_and_limit()
    {
        using var run = new TestRun();
        JsonObject state = State("SPEC_REVIEW", ["SETUP", "BUSINESS_PROBLEM", "SPEC"], []);
        state["review_iterations"] = new JsonObject { ["SPEC_REVIEW"] = 5 };
        await WriteAsync(run, state);

        string message = await RefusedAsync(run, V2(Migration()));

        Assert.Contains($"'{run.Store.StatePath}' has review loop 'SPEC_REVIEW' at iteration 5, and the compiled workflow allows 4", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_member_that_moved_out_of_the_group_a_run_is_inside_is_refused()
    {
        using var run = new TestRun();
        JsonObject state = State("RESEARCH", Before, []);
        state["parallel_group_status"] = Group(("RESEARCH", "pending"), ("TEST_STRATEGY", "completed"), ("PLAN", "pending"));
        await WriteAsync(run, state);

        string message = await RefusedAsync(run, V2(Migration()));

        Assert.Contains($"'{run.Store.StatePath}' is inside parallel group 'post_spec_review', and its member 'PLAN' is no longer a member of it", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_current_stage_that_joined_a_group_is_refused()
    {
        using var run = new TestRun();
        await WriteAsync(run, State("INVESTIGATE", Before, []));

        string message = await RefusedAsync(run, V2(Migration(renamed: new() { ["INVESTIGATE"] = "RESEARCH" })));

        Assert.Contains($"'{run.Store.StatePath}' is at stage 'RESEARCH', which joined parallel group 'post_spec_review'", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_python_file_without_a_version_loads_unchanged_under_the_python_default_version()
    {
        using var run = new TestRun();
        JsonObject state = State("PLAN_REVIEW", [], new() { ["SETUP"] = "ready", ["PLAN"] = "# Plan" });
        state.Remove("workflow_version");
        state.Remove("completed_stages");
        state["parallel_group_status"] = Group(("RESEARCH", "completed"), ("TEST_STRATEGY", "completed"));
        await WriteAsync(run, state);
        var python = new VersionedWorkflow<Stage>(Workflow.Definition, new WorkflowVersioning(WorkflowVersioning.PythonDefaultVersion, [Migration()]));

        SavedRun<Stage> saved = await LoadUnchangedAsync(run, python);
        SavedRun<Stage> unversioned = (await SavedRun.LoadAsync(Workflow.Definition, run.Store))!;

        Assert.Null(saved.MigratedFrom);
        Assert.Null(saved.Document.Migrations);
        Assert.Null(saved.Document.WorkflowVersion);
        Assert.Equal(Serialized(unversioned.Document), Serialized(saved.Document));
        Assert.Equal(unversioned.State.Completed.Order(), saved.State.Completed.Order());
    }

    [Fact]
    public async Task A_run_saved_under_v1_resumes_under_v2_with_a_renamed_stage_to_complete_and_records_the_migration()
    {
        using var run = new TestRun();
        var v1 = new VersionedWorkflow<Stage>(Workflow.Definition, new WorkflowVersioning("v1", []), new Dictionary<string, string> { ["PLAN"] = "PLANNING" });
        run.Team.FailingStages.Add("PLAN");
        WorkflowResult stopped = await run.RunAsync(v1);
        Assert.NotEqual(RunStatus.Complete, stopped.Status);
        JsonNode first = JsonNode.Parse(File.ReadAllText(run.Store.StatePath))!;
        Assert.Equal(("v1", "PLANNING"), ((string?)first["workflow_version"], (string?)first["current_stage"]));

        run.Team.FailingStages.Clear();
        var v2 = new VersionedWorkflow<Stage>(Workflow.Definition, new WorkflowVersioning("v2", [Migration(renamed: new() { ["PLANNING"] = "PLAN" }) with { Stages = v1.Keys }]));
        WorkflowResult resumed = await run.Runner(v2).ResumeAsync(TestRun.Objective);

        Assert.Equal(RunStatus.Complete, resumed.Status);
        OrchestrationStateDocument final = (await run.Store.LoadAsync(default))!;
        Assert.Equal("v2", final.WorkflowVersion);
        MigrationEntry entry = Assert.Single(final.Migrations!);
        Assert.Equal(("v1", "v2"), (entry.FromVersion, entry.ToVersion));
        Assert.Equal(new Dictionary<string, string> { ["PLANNING"] = "PLAN" }, entry.Renamed);
        Assert.Contains("PLAN", final.CompletedStages!);
        Assert.DoesNotContain("PLANNING", File.ReadAllText(run.Store.StatePath).Replace("\"PLANNING\": \"PLAN\"", "", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    private static VersionedWorkflow<Stage> V2(WorkflowMigration migration) =>
        new VersionedWorkflow<Stage>(Workflow.Definition, new WorkflowVersioning("v2", [migration]));

    private static WorkflowMigration Migration(Dictionary<string, string>? renamed = null, Dictionary<string, string>? removed = null, string[]? reset = null, string[]? changedGroups = null) => new(
        "v1",
        [.. Workflow.Definition.StageOrder.Select(Workflow.Definition.GetStageName)],
        (renamed ?? []).ToImmutableDictionary(StringComparer.Ordinal),
        (removed ?? []).ToImmutableDictionary(StringComparer.Ordinal),
        [.. reset ?? []],
        [.. changedGroups ?? []]);

    /// <summary>A state file as version v1 wrote it.</summary>
    private static JsonObject State(string current, string[] completed, Dictionary<string, string> outputs) => new()
    {
        ["objective_file"] = "objectives/add-export.md",
        ["current_stage"] = current,
        ["elapsed_seconds"] = 60.0,
        ["max_seconds"] = 28800,
        ["status"] = "in_progress",
        ["feature_name"] = "add-export",
        ["acceptance_test_history"] = new JsonArray(),
        ["stage_outputs"] = new JsonObject(outputs.Select(pair => KeyValuePair.Create(pair.Key, (JsonNode?)pair.Value))),
        ["completed_stages"] = new JsonArray([.. completed.Select(stage => (JsonNode?)stage)]),
        ["workflow_version"] = "v1",
    };

    private static JsonObject Group(params (string Member, string Status)[] members) => new()
    {
        ["post_spec_review"] = new JsonObject
        {
            ["stages"] = new JsonObject(members.Select(m => KeyValuePair.Create(m.Member, (JsonNode?)new JsonObject { ["status"] = m.Status, ["error"] = null }))),
        },
    };

    private static async Task WriteAsync(TestRun run, JsonObject state, params string[] journal)
    {
        await File.WriteAllTextAsync(run.Store.StatePath, state.ToJsonString());
        if (journal.Length > 0)
        {
            await File.WriteAllTextAsync(run.Store.JournalPath, string.Concat(journal.Select(line => line + "\n")));
        }
    }

    /// <summary>Loads the run and checks that loading wrote nothing: a migration reaches disk only with a resume's save.</summary>
    private static async Task<SavedRun<Stage>> LoadUnchangedAsync(TestRun run, IWorkflowDefinition<Stage> workflow)
    {
        byte[] before = File.ReadAllBytes(run.Store.StatePath);
        SavedRun<Stage> saved = (await SavedRun.LoadAsync(workflow, run.Store))!;
        Assert.Equal(before, File.ReadAllBytes(run.Store.StatePath));
        return saved;
    }

    private static async Task<string> RefusedAsync(TestRun run, IWorkflowDefinition<Stage> workflow)
    {
        byte[] before = File.ReadAllBytes(run.Store.StatePath);
        var ex = await Assert.ThrowsAsync<WorkflowStateException>(async () => await SavedRun.LoadAsync(workflow, run.Store));
        Assert.Equal(before, File.ReadAllBytes(run.Store.StatePath));
        Assert.Contains("left unchanged", ex.Message, StringComparison.Ordinal);
        return ex.Message;
    }

    private static string Serialized(OrchestrationStateDocument document) =>
        JsonSerializer.Serialize(document, StateJsonContext.Default.OrchestrationStateDocument);
}
