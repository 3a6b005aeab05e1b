using System.Threading.Tasks;
using static TeamBot.Analyzers.DiagnosticDescriptors;
using static TeamBot.Analyzers.Tests.AnalyzerHarness;

namespace TeamBot.Analyzers.Tests;

/// <summary>TB01xx: the stages and stage_order.</summary>
public sealed class StageRuleTests
{
    [Fact]
    public async Task A_valid_workflow_has_no_diagnostics() => await VerifyAsync(Workflows.Valid);

    [Fact]
    public async Task TB0101_stage_missing_from_stage_order()
    {
        string yaml = Workflows.With("  COMPLETE: {}", "  EXTRA:\n    work_agent: pm\n  COMPLETE: {}");
        await VerifyAsync(yaml, At(StageNotInOrder, yaml, "EXTRA").WithArguments("EXTRA"));
    }

    [Fact]
    public async Task TB0102_unknown_stage_in_stage_order_suggests_the_near_name()
    {
        string yaml = Workflows.With("PLAN, COMPLETE]", "PLAN, PLANN, COMPLETE]");
        await VerifyAsync(yaml, At(UnknownStage, yaml, "PLANN").WithMessage("stage_order names unknown stage 'PLANN'. Did you mean 'PLAN'?"));
    }

    [Fact]
    public async Task TB0102_unknown_stage_without_a_near_name_says_how_to_fix()
    {
        string yaml = Workflows.With("PLAN, COMPLETE]", "PLAN, DEPLOY_TO_PRODUCTION, COMPLETE]");
        await VerifyAsync(yaml, At(UnknownStage, yaml, "DEPLOY_TO_PRODUCTION").WithMessage("stage_order names unknown stage 'DEPLOY_TO_PRODUCTION'. Declare it under 'stages' or correct the name."));
    }

    [Fact]
    public async Task TB0103_stage_listed_twice_in_stage_order()
    {
        string yaml = Workflows.With("[SETUP, SPEC,", "[SETUP, SETUP, SPEC,");
        await VerifyAsync(yaml, At(StageListedTwice, yaml, "SETUP", within: "SETUP, SPEC,").WithArguments("SETUP", "stage_order", "19"));
    }

    [Fact]
    public async Task TB0104_work_stage_without_work_agent()
    {
        string yaml = Workflows.With("  SETUP:\n    work_agent: pm", "  SETUP:\n    name: Setup");
        await VerifyAsync(yaml, At(MissingWorkAgent, yaml, "SETUP", within: "SETUP:").WithArguments("SETUP"));
    }

    [Fact]
    public async Task TB0105_review_stage_without_review_agent()
    {
        string yaml = Workflows.With("    review_agent: reviewer\n", "");
        await VerifyAsync(yaml, At(MissingReviewAgent, yaml, "SPEC_REVIEW", within: "SPEC_REVIEW:\n").WithArguments("SPEC_REVIEW"));
    }

    [Fact]
    public async Task TB0106_acceptance_gate_without_an_acceptance_test_stage_before_it()
    {
        string yaml = Workflows.With("  PLAN:\n    work_agent: pm", "  PLAN:\n    work_agent: pm\n    requires_acceptance_tests_passed: true");
        await VerifyAsync(yaml, At(AcceptanceGateWithoutTests, yaml, "true", within: "requires_acceptance_tests_passed: true").WithArguments("PLAN"));
    }

    [Fact]
    public async Task TB0106_is_satisfied_by_an_earlier_acceptance_test_stage()
    {
        string yaml = Workflows.With("  PLAN:\n    work_agent: pm", "  PLAN:\n    work_agent: pm\n    requires_acceptance_tests_passed: true")
            .Replace("  SETUP:\n    work_agent: pm", "  SETUP:\n    work_agent: pm\n    is_acceptance_test_stage: true", System.StringComparison.Ordinal);
        await VerifyAsync(yaml);
    }

    [Fact]
    public async Task TB0107_two_keys_with_the_same_CSharp_identifier()
    {
        string yaml = Workflows.With("  COMPLETE: {}", "  SpecReview:\n    work_agent: ba\n  COMPLETE: {}").Replace("PLAN, COMPLETE]", "PLAN, SpecReview, COMPLETE]", System.StringComparison.Ordinal);
        await VerifyAsync(yaml, At(IdentifierCollision, yaml, "SpecReview", within: "SpecReview:").WithArguments("SpecReview", "SPEC_REVIEW", "SpecReview"));
    }

    [Theory]
    [InlineData("\"25:00\"")]
    [InlineData("\"00:00:00\"")]
    [InlineData("half an hour")]
    [InlineData("\"24:00:00\"")]
    public async Task TB0108_bad_timeout(string timeout)
    {
        string yaml = Workflows.With("  PLAN:\n    work_agent: pm", $"  PLAN:\n    work_agent: pm\n    timeout: {timeout}");
        await VerifyAsync(yaml, At(InvalidTimeout, yaml, timeout, within: "timeout: " + timeout).WithArguments(timeout.Trim('"'), "PLAN"));
    }

    [Fact]
    public async Task TB0108_accepts_hours_minutes_seconds_and_days()
    {
        string yaml = Workflows.With("  PLAN:\n    work_agent: pm", "  PLAN:\n    work_agent: pm\n    timeout: \"1.02:30:00\"")
            .Replace("  SETUP:\n    work_agent: pm", "  SETUP:\n    work_agent: pm\n    timeout: 00:15:00", System.StringComparison.Ordinal);
        await VerifyAsync(yaml);
    }

    [Fact]
    public async Task TB0109_max_iterations_below_one()
    {
        string yaml = Workflows.With("    is_review_stage: true", "    is_review_stage: true\n    max_iterations: 0");
        await VerifyAsync(yaml, At(MaxIterationsTooSmall, yaml, "0", within: "max_iterations: 0").WithArguments("0", "SPEC_REVIEW"));
    }

    [Fact]
    public async Task TB0110_key_without_letters_or_digits()
    {
        string yaml = Workflows.With("  COMPLETE: {}", "  \"---\":\n    work_agent: pm\n  COMPLETE: {}").Replace("PLAN, COMPLETE]", "PLAN, \"---\", COMPLETE]", System.StringComparison.Ordinal);
        await VerifyAsync(yaml, At(InvalidStageKey, yaml, "\"---\"", within: "\"---\":").WithArguments("---"));
    }
}
