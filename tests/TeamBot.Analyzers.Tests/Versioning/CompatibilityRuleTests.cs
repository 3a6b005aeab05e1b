using System.IO;
using System.Linq;
using TeamBot.Definitions;
using TeamBot.Tests.Support;
using TeamBot.Workflow;
using TeamBot.Workflow.Diagnostics;
using TeamBot.Workflow.Versioning;

namespace TeamBot.Analyzers.Tests.Versioning;

/// <summary>TB0601 to TB0603: each edit that strands a shipped version's runs, reported at the line that stranded them.</summary>
public sealed class CompatibilityRuleTests
{
    private static readonly string V1 = Workflows.Valid;

    [Fact]
    public void The_repo_workflow_is_the_python_default_shape_state_files_without_a_version_count_as()
    {
        string repo = File.ReadAllText(Path.Combine(TestSupport.RepoRoot, "stages.yaml"));
        Assert.Equal(WorkflowVersioning.PythonDefaultVersion, Gate.Shape(repo).ComputeVersion());
    }

    [Fact]
    public void An_unchanged_shape_needs_no_plan_and_edits_outside_the_shape_keep_the_version()
    {
        string reworded = V1.Replace("work_agent: pm\n  SPEC:", "work_agent: pm\n    description: Set things up.\n  SPEC:", System.StringComparison.Ordinal);
        CompatibilityResult result = Gate.Check(reworded, V1);
        Assert.Empty(result.Problems);
        Assert.Empty(result.Plans);
        Assert.Equal(Gate.Shape(V1).ComputeVersion(), result.Version);
    }

    [Fact]
    public void A_rename_without_a_migration_is_TB0601_at_the_new_stage_key_and_names_the_version_position_and_fix()
    {
        string renamed = V1.Replace("SPEC_REVIEW", "SPEC_SIGNOFF", System.StringComparison.Ordinal);
        WorkflowProblem problem = Gate.Single(Gate.Check(renamed, V1), RuleIds.StageGoneWithoutMigration);
        Gate.At(problem, renamed, "SPEC_SIGNOFF");
        string message = WorkflowRules.Message(problem);
        Assert.Contains(Gate.Shape(V1).ComputeVersion(), message, System.StringComparison.Ordinal);
        Assert.Contains("Stage 'SPEC_REVIEW'", message, System.StringComparison.Ordinal);
        Assert.Contains("a run saved at 'SPEC_REVIEW' cannot resume", message, System.StringComparison.Ordinal);
        Assert.Contains("'renamed: { SPEC_REVIEW: SPEC_SIGNOFF }'", message, System.StringComparison.Ordinal);
    }

    [Fact]
    public void A_declared_rename_is_accepted_and_planned()
    {
        string renamed = V1.Replace("SPEC_REVIEW", "SPEC_SIGNOFF", System.StringComparison.Ordinal) + "migrations:\n  renamed:\n    SPEC_REVIEW: SPEC_SIGNOFF\n";
        CompatibilityResult result = Gate.Check(renamed, V1);
        Assert.Empty(result.Problems);
        MigrationPlan plan = Assert.Single(result.Plans);
        Assert.Equal(Gate.Shape(V1).ComputeVersion(), plan.FromVersion);
        Assert.Equal([new StagePair("SPEC_REVIEW", "SPEC_SIGNOFF")], plan.Renamed);
        Assert.Empty(plan.Removed);
    }

    [Fact]
    public void Renames_chain_across_versions()
    {
        string v2 = V1.Replace("SPEC_REVIEW", "SPEC_SIGNOFF", System.StringComparison.Ordinal) + "migrations:\n  renamed:\n    SPEC_REVIEW: SPEC_SIGNOFF\n";
        string v3 = V1.Replace("SPEC_REVIEW", "SPEC_APPROVAL", System.StringComparison.Ordinal) + "migrations:\n  renamed:\n    SPEC_REVIEW: SPEC_SIGNOFF\n    SPEC_SIGNOFF: SPEC_APPROVAL\n";
        CompatibilityResult result = Gate.Check(v3, V1, v2);
        Assert.Empty(result.Problems);
        Assert.Equal(2, result.Plans.Count);
        Assert.All(result.Plans, plan => Assert.Equal("SPEC_APPROVAL", Assert.Single(plan.Renamed).To));
    }

    [Fact]
    public void A_removal_without_a_migration_is_TB0601_at_stage_order_with_the_next_stage_as_the_suggestion()
    {
        string removed = V1.Replace("  PLAN:\n    work_agent: pm\n", "", System.StringComparison.Ordinal)
            .Replace("TEST_STRATEGY, PLAN, COMPLETE", "TEST_STRATEGY, COMPLETE", System.StringComparison.Ordinal)
            .Replace("before: PLAN", "before: COMPLETE", System.StringComparison.Ordinal);
        CompatibilityResult result = Gate.Check(removed, V1);

        // The gate of the group moved too (PLAN to COMPLETE): a run inside the group would now skip PLAN.
        WorkflowProblem gone = Assert.Single(result.Problems, problem => problem.Id == RuleIds.StageGoneWithoutMigration);
        Gate.At(gone, removed, "stage_order");
        Assert.Contains("'removed: { PLAN: COMPLETE }'", WorkflowRules.Message(gone), System.StringComparison.Ordinal);
    }

    [Fact]
    public void A_declared_removal_is_accepted_and_planned()
    {
        string removed = V1.Replace("  SETUP:\n    work_agent: pm\n", "", System.StringComparison.Ordinal)
            .Replace("[SETUP, SPEC,", "[SPEC,", System.StringComparison.Ordinal) + "migrations:\n  removed:\n    SETUP: SPEC\n";
        CompatibilityResult result = Gate.Check(removed, V1);
        Assert.Empty(result.Problems);
        Assert.Equal([new StagePair("SETUP", "SPEC")], Assert.Single(result.Plans).Removed);
    }

    [Fact]
    public void Resuming_a_removed_stage_inside_a_group_is_TB0602_at_the_migration_value()
    {
        string removed = V1.Replace("  SETUP:\n    work_agent: pm\n", "", System.StringComparison.Ordinal)
            .Replace("[SETUP, SPEC,", "[SPEC,", System.StringComparison.Ordinal) + "migrations:\n  removed:\n    SETUP: RESEARCH\n";
        WorkflowProblem problem = Gate.Single(Gate.Check(removed, V1), RuleIds.GroupChangedUnderRun);
        Gate.At(problem, removed, "RESEARCH", occurrence: 4);
        Assert.Contains("Runs of removed stage 'SETUP' would resume at 'RESEARCH', a member of parallel group 'post_spec_review'", WorkflowRules.Message(problem), System.StringComparison.Ordinal);
    }

    [Fact]
    public void A_moved_gate_is_TB0602_at_before()
    {
        string moved = V1.Replace("before: PLAN", "before: COMPLETE", System.StringComparison.Ordinal)
            .Replace("TEST_STRATEGY, PLAN, COMPLETE", "PLAN, TEST_STRATEGY, COMPLETE", System.StringComparison.Ordinal)
            .Replace("stages: [RESEARCH, TEST_STRATEGY]", "stages: [RESEARCH, PLAN, TEST_STRATEGY]", System.StringComparison.Ordinal);
        CompatibilityResult result = Gate.Check(moved, V1);
        WorkflowProblem gate = Assert.Single(result.Problems, problem => WorkflowRules.Message(problem).StartsWith("The gate", System.StringComparison.Ordinal));
        Gate.At(gate, moved, "COMPLETE", occurrence: 3);
        Assert.Contains("inside parallel group 'post_spec_review' with no member finished cannot resume", WorkflowRules.Message(gate), System.StringComparison.Ordinal);
        Assert.Equal(["post_spec_review"], Assert.Single(result.Plans).ChangedGroups);

        // PLAN was a stage of its own and is now a member: a run saved at it has no group status to resume in.
        WorkflowProblem joined = Assert.Single(result.Problems, problem => WorkflowRules.Message(problem).StartsWith("Stage 'PLAN' joined", System.StringComparison.Ordinal));
        Gate.At(joined, moved, "PLAN", occurrence: 3);
    }

    [Fact]
    public void A_member_that_left_its_group_is_TB0602_at_the_stage_key()
    {
        string left = V1.Replace("stages: [RESEARCH, TEST_STRATEGY]", "stages: [RESEARCH]", System.StringComparison.Ordinal)
            .Replace("TEST_STRATEGY, PLAN", "PLAN, TEST_STRATEGY", System.StringComparison.Ordinal);
        CompatibilityResult result = Gate.Check(left, V1);
        WorkflowProblem problem = Assert.Single(result.Problems, problem => WorkflowRules.Message(problem).StartsWith("Stage 'TEST_STRATEGY' left", System.StringComparison.Ordinal));
        Gate.At(problem, left, "TEST_STRATEGY");
    }

    [Fact]
    public void A_new_group_member_is_accepted()
    {
        string added = V1.Replace("  PLAN:\n", "  DESIGN:\n    work_agent: writer\n  PLAN:\n", System.StringComparison.Ordinal)
            .Replace("TEST_STRATEGY, PLAN", "TEST_STRATEGY, DESIGN, PLAN", System.StringComparison.Ordinal)
            .Replace("stages: [RESEARCH, TEST_STRATEGY]", "stages: [RESEARCH, TEST_STRATEGY, DESIGN]", System.StringComparison.Ordinal);
        CompatibilityResult result = Gate.Check(added, V1);
        Assert.Empty(result.Problems);
        Assert.Empty(Assert.Single(result.Plans).ChangedGroups);
    }

    [Theory]
    [InlineData(4, 4, false)]
    [InlineData(4, 9, false)]
    [InlineData(4, 3, true)]
    [InlineData(4, 1, true)]
    [InlineData(2, 1, true)]
    [InlineData(2, 2, false)]
    public void Lowering_a_loop_limit_to_or_below_an_iteration_a_run_can_have_finished_is_TB0603_at_max_iterations(int before, int after, bool stranded)
    {
        string shipped = V1.Replace("is_review_stage: true", $"is_review_stage: true\n    max_iterations: {before}", System.StringComparison.Ordinal);
        string lowered = V1.Replace("is_review_stage: true", $"is_review_stage: true\n    max_iterations: {after}", System.StringComparison.Ordinal);
        CompatibilityResult result = Gate.Check(lowered, shipped);
        if (!stranded)
        {
            Assert.Empty(result.Problems);
            return;
        }

        WorkflowProblem problem = Gate.Single(result, RuleIds.LoopLimitLowered);
        Assert.Equal(lowered.IndexOf($"max_iterations: {after}", System.StringComparison.Ordinal) + "max_iterations: ".Length, problem.Span.Start);
        Assert.Contains($"max_iterations of 'SPEC_REVIEW' is {after}, but a run saved under shipped version {Gate.Shape(shipped).ComputeVersion()} can have finished {before - 1} iterations", WorkflowRules.Message(problem), System.StringComparison.Ordinal);

        // Restarting the loop for such runs is the declared policy that makes the edit safe.
        Assert.Empty(Gate.Check(lowered + "migrations:\n  reset_iterations: [SPEC_REVIEW]\n", shipped).Problems);
    }

    [Fact]
    public void A_problem_shared_by_several_versions_is_reported_once_naming_the_newest()
    {
        string v2 = V1.Replace("  PLAN:\n    work_agent: pm\n", "  PLAN:\n    work_agent: pm\n  WRAP_UP:\n    work_agent: writer\n", System.StringComparison.Ordinal)
            .Replace("PLAN, COMPLETE", "PLAN, WRAP_UP, COMPLETE", System.StringComparison.Ordinal);
        string renamed = v2.Replace("SPEC_REVIEW", "SPEC_SIGNOFF", System.StringComparison.Ordinal);
        WorkflowProblem problem = Gate.Single(Gate.Check(renamed, V1, v2), RuleIds.StageGoneWithoutMigration);
        Assert.Equal(Gate.Shape(v2).ComputeVersion(), problem.Arguments[0]);
    }
}
