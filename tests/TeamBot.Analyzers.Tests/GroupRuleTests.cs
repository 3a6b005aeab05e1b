using System.Threading.Tasks;
using static TeamBot.Analyzers.DiagnosticDescriptors;
using static TeamBot.Analyzers.Tests.AnalyzerHarness;

namespace TeamBot.Analyzers.Tests;

/// <summary>TB02xx: fan-out after the trigger, convergence at the gate, and what may run side by side.</summary>
public sealed class GroupRuleTests
{
    [Fact]
    public async Task TB0102_unknown_member_is_reported_with_the_near_name()
    {
        string yaml = Workflows.With("stages: [RESEARCH, TEST_STRATEGY]", "stages: [RESEARCH, TEST_STRATEGYY]");
        await VerifyAsync(yaml, At(UnknownStage, yaml, "TEST_STRATEGYY").WithMessage("Parallel group 'post_spec_review' names unknown stage 'TEST_STRATEGYY'. Did you mean 'TEST_STRATEGY'?"));
    }

    [Fact]
    public async Task TB0102_unknown_trigger_and_gate()
    {
        string yaml = Workflows.With("after: SPEC_REVIEW", "after: SPEC_REVEIW").Replace("before: PLAN", "before: PLAM", System.StringComparison.Ordinal);
        await VerifyAsync(
            yaml,
            At(UnknownStage, yaml, "SPEC_REVEIW").WithArguments("Parallel group 'post_spec_review'", "SPEC_REVEIW", " Did you mean 'SPEC_REVIEW'?"),
            At(UnknownStage, yaml, "PLAM").WithArguments("Parallel group 'post_spec_review'", "PLAM", " Did you mean 'PLAN'?"));
    }

    [Fact]
    public async Task TB0201_empty_group()
    {
        string yaml = Workflows.With("stages: [RESEARCH, TEST_STRATEGY]", "stages: []");
        await VerifyAsync(yaml, At(EmptyGroup, yaml, "post_spec_review", within: "post_spec_review:").WithArguments("post_spec_review"));
    }

    [Fact]
    public async Task TB0202_trigger_not_immediately_before_the_members()
    {
        string yaml = Workflows.With("after: SPEC_REVIEW", "after: SPEC");
        await VerifyAsync(yaml, At(TriggerNotBeforeMembers, yaml, "SPEC", within: "after: SPEC\n").WithArguments("post_spec_review", "SPEC", "'SPEC_REVIEW'"));
    }

    [Fact]
    public async Task TB0203_gate_not_immediately_after_the_members()
    {
        string yaml = Workflows.With("before: PLAN", "before: COMPLETE");
        await VerifyAsync(yaml, At(GroupDoesNotConverge, yaml, "COMPLETE", within: "before: COMPLETE").WithArguments("post_spec_review", "COMPLETE", "'PLAN' comes right after the members in stage_order, not 'COMPLETE'"));
    }

    [Fact]
    public async Task TB0203_a_stage_between_the_members_breaks_convergence()
    {
        string yaml = Workflows.With("SPEC_REVIEW, RESEARCH, TEST_STRATEGY, PLAN,", "SPEC_REVIEW, RESEARCH, PLAN, TEST_STRATEGY,");
        await VerifyAsync(yaml, At(GroupDoesNotConverge, yaml, "PLAN", within: "before: PLAN").WithArguments("post_spec_review", "PLAN", "'PLAN' sits between its members in stage_order, so it would run inside the group"));
    }

    [Fact]
    public async Task TB0204_stage_in_two_groups()
    {
        string yaml = Workflows.Valid.Replace("work_to_review_mapping:", "  again:\n    after: SPEC_REVIEW\n    stages: [RESEARCH]\n    before: TEST_STRATEGY\nwork_to_review_mapping:", System.StringComparison.Ordinal);
        await VerifyAsync(
            yaml,
            At(DuplicateTrigger, yaml, "SPEC_REVIEW", within: "again:\n    after: SPEC_REVIEW").WithArguments("again", "SPEC_REVIEW", "post_spec_review"),
            At(StageInTwoGroups, yaml, "RESEARCH", within: "stages: [RESEARCH]").WithArguments("RESEARCH", "again", "post_spec_review"));
    }

    [Fact]
    public async Task TB0206_review_stage_inside_a_group()
    {
        string yaml = Workflows.With("    work_agent: builder-2\n", "    work_agent: builder-2\n    review_agent: reviewer\n    is_review_stage: true\n");
        await VerifyAsync(yaml, At(ReviewStageInGroup, yaml, "TEST_STRATEGY", within: "[RESEARCH, TEST_STRATEGY]").WithArguments("TEST_STRATEGY", "post_spec_review"));
    }

    [Fact]
    public async Task TB0207_two_members_with_the_same_work_agent()
    {
        string yaml = Workflows.With("    work_agent: builder-2\n", "    work_agent: builder-1\n");
        await VerifyAsync(yaml, At(AgentConflict, yaml, "TEST_STRATEGY", within: "[RESEARCH, TEST_STRATEGY]").WithArguments("post_spec_review", "TEST_STRATEGY", "RESEARCH", "builder-1"));
    }

    [Fact]
    public async Task TB0208_two_members_writing_the_same_artifact()
    {
        string yaml = Workflows.With("artifacts: [test_strategy.md]", "artifacts: [research.md]");
        await VerifyAsync(yaml, At(ArtifactConflict, yaml, "TEST_STRATEGY", within: "[RESEARCH, TEST_STRATEGY]").WithArguments("post_spec_review", "TEST_STRATEGY", "RESEARCH", "research.md"));
    }

    [Fact]
    public async Task TB0209_max_concurrency_below_one()
    {
        string yaml = Workflows.With("    before: PLAN\n", "    before: PLAN\n    max_concurrency: -1\n");
        await VerifyAsync(yaml, At(MaxConcurrencyTooSmall, yaml, "-1", within: "max_concurrency: -1").WithArguments("-1", "post_spec_review"));
    }

    [Fact]
    public async Task TB0210_group_without_a_gate()
    {
        string yaml = Workflows.With("    before: PLAN\n", "");
        await VerifyAsync(yaml, At(GroupMissingField, yaml, "post_spec_review", within: "post_spec_review:").WithArguments("post_spec_review", "before", "the gate stage that waits for every member"));
    }
}
