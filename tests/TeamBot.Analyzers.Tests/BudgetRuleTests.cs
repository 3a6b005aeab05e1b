using System;
using System.IO;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using TeamBot.Tests.Support;
using static TeamBot.Analyzers.DiagnosticDescriptors;
using static TeamBot.Analyzers.Tests.AnalyzerHarness;

namespace TeamBot.Analyzers.Tests;

/// <summary>TB08xx: the declared budget against the worst case the workflow's bounds allow, and the section's shape.</summary>
public sealed class BudgetRuleTests
{
    /// <summary>
    /// Worst case: SETUP 1 call, SPEC_REVIEW 2 x 2 = 4, RESEARCH 1, TEST_STRATEGY 1: 7 calls, 26000 tokens. Time: 10 min +
    /// 4 x 1 h + the group one member at a time (30 + 20 min) = 05:00:00.
    /// </summary>
    private const string Workflow = """
        stages:
          SETUP:
            work_agent: pm
            timeout: "00:10:00"
            max_tokens_per_call: 1000
          SPEC_REVIEW:
            work_agent: ba
            review_agent: reviewer
            is_review_stage: true
            max_iterations: 2
            timeout: "01:00:00"
            max_tokens_per_call: 5000
          RESEARCH:
            work_agent: builder-1
            timeout: "00:30:00"
            max_tokens_per_call: 2000
          TEST_STRATEGY:
            work_agent: builder-2
            timeout: "00:20:00"
            max_tokens_per_call: 3000
          COMPLETE: {}
        stage_order: [SETUP, SPEC_REVIEW, RESEARCH, TEST_STRATEGY, COMPLETE]
        parallel_groups:
          research:
            after: SPEC_REVIEW
            stages: [RESEARCH, TEST_STRATEGY]
            before: COMPLETE
            max_concurrency: 1

        """;

    private const string Prices = "  prices:\n    gpt-4o-mini: { input: 0.15, output: 0.60 }\n";

    [Fact]
    public async Task A_budget_at_the_worst_case_has_no_diagnostics() =>
        await VerifyAsync(Workflow + "budget:\n  tokens: 26000\n  cost: 0.0156\n  time: \"05:00:00\"\n  policy: strict\n" + Prices);

    [Fact]
    public async Task TB0801_a_token_budget_below_the_worst_case_is_a_warning_with_both_numbers_and_the_top_stages()
    {
        string yaml = Workflow + "budget:\n  tokens: 25999\n";
        await VerifyAsync(yaml, At(TokenBudgetBelowWorstCase, yaml, "25999").WithSeverity(DiagnosticSeverity.Warning).WithMessage(
            "The token budget 25999 is below the run's worst case of 26000 tokens (7 agent calls); the most: SPEC_REVIEW 20000, TEST_STRATEGY 3000, RESEARCH 2000 and 1 more. Raise the budget or lower 'max_tokens_per_call' or 'max_iterations'"));
    }

    [Fact]
    public async Task TB0801_under_the_strict_policy_is_an_error()
    {
        string yaml = Workflow + "budget:\n  tokens: 100\n  policy: strict\n";
        await VerifyAsync(yaml, At(TokenBudgetBelowWorstCase, yaml, "100", within: "tokens: 100").WithSeverity(DiagnosticSeverity.Error).WithArguments("100", "26000", "7", "SPEC_REVIEW 20000, TEST_STRATEGY 3000, RESEARCH 2000 and 1 more"));
    }

    [Fact]
    public async Task TB0802_a_cost_budget_below_the_worst_case_counts_every_token_at_the_highest_price()
    {
        string yaml = Workflow + "budget:\n  cost: 0.01\n" + Prices;
        await VerifyAsync(yaml, At(CostBudgetBelowWorstCase, yaml, "0.01").WithMessage(
            "The cost budget 0.01 is below the run's worst case of 0.0156 (26000 tokens at the highest declared price, 0.60 per million)"));
    }

    [Fact]
    public async Task TB0803_a_time_budget_below_the_critical_path_names_the_path()
    {
        string yaml = Workflow + "budget:\n  time: \"04:59:59\"\n  policy: strict\n";
        await VerifyAsync(yaml, At(TimeBudgetBelowCriticalPath, yaml, "\"04:59:59\"").WithSeverity(DiagnosticSeverity.Error).WithMessage(
            "The time budget 04:59:59 is below the run's worst-case critical path of 05:00:00: SETUP 00:10:00 -> SPEC_REVIEW 04:00:00 -> RESEARCH 00:30:00 -> TEST_STRATEGY 00:20:00"));
    }

    [Fact]
    public async Task TB0803_a_group_that_runs_its_members_at_once_takes_its_longest_member()
    {
        string yaml = Workflow.Replace("max_concurrency: 1", "max_concurrency: 2", StringComparison.Ordinal) + "budget:\n  time: \"04:39:00\"\n";
        await VerifyAsync(yaml, At(TimeBudgetBelowCriticalPath, yaml, "\"04:39:00\"").WithMessage(
            "The time budget 04:39:00 is below the run's worst-case critical path of 04:40:00: SETUP 00:10:00 -> SPEC_REVIEW 04:00:00 -> RESEARCH 00:30:00"));
    }

    [Fact]
    public async Task TB0804_a_budget_that_cannot_be_checked_names_the_stages_and_the_field_to_add()
    {
        string yaml = Workflow.Replace("    timeout: \"00:10:00\"\n    max_tokens_per_call: 1000\n", "", StringComparison.Ordinal) + "budget:\n  tokens: 5000\n  time: \"01:00:00\"\n";
        await VerifyAsync(
            yaml,
            At(BudgetUncheckable, yaml, "5000", within: "tokens: 5000").WithMessage("The token budget cannot be checked against the worst case: these stages call agents but declare no 'max_tokens_per_call': SETUP. Add 'max_tokens_per_call' to each"),
            At(BudgetUncheckable, yaml, "\"01:00:00\"", within: "time: \"01:00:00\"\n").WithArguments("time", "SETUP", "timeout"));
    }

    [Fact]
    public async Task TB0805_a_cost_budget_without_prices_is_an_error()
    {
        string yaml = Workflow + "budget:\n  cost: 25.00\n";
        await VerifyAsync(yaml, At(CostBudgetWithoutPrices, yaml, "25.00").WithArguments("25.00"));
    }

    [Fact]
    public async Task TB0806_values_out_of_range_are_errors()
    {
        string yaml = Workflow.Replace("max_tokens_per_call: 1000", "max_tokens_per_call: 0", StringComparison.Ordinal)
            + "budget:\n  tokens: -5\n  time: \"60:00:00\"\n  policy: lenient\n  prices:\n    m: { input: 1 }\n";
        await VerifyAsync(
            yaml,
            At(InvalidBudgetValue, yaml, "0", within: "max_tokens_per_call: 0").WithArguments("'max_tokens_per_call' of stage 'SETUP'", "a whole number of at least 1", "0"),
            At(InvalidBudgetValue, yaml, "-5").WithArguments("'budget.tokens'", "a whole number of at least 1", "-5"),
            At(InvalidBudgetValue, yaml, "\"60:00:00\"").WithArguments("'budget.time'", "a positive duration 'hh:mm:ss' or 'd.hh:mm:ss' (\"2.12:00:00\" for 60 hours)", "'60:00:00'"),
            At(InvalidBudgetValue, yaml, "lenient").WithArguments("'budget.policy'", "'strict' or 'warn'", "'lenient'"),
            At(InvalidBudgetValue, yaml, "m", within: "m: {").WithArguments("The price of model 'm'", "given per million tokens as both 'input' and 'output'", "missing 'output'"));
    }

    [Fact]
    public async Task The_budget_section_is_checked_like_every_other_section()
    {
        string yaml = Workflow + "budget:\n  polcy: strict\n  cost: lots\n  time: [1]\n  colour: blue\n  prices: [m]\n  tokens: many\n";
        await VerifyAsync(
            yaml,
            At(MisspeltField, yaml, "polcy").WithArguments("polcy", "'budget'", "policy"),
            At(InvalidNumber, yaml, "lots").WithMessage("'budget.cost' must be a number such as 25 or 0.15, not 'lots'"),
            At(WrongShape, yaml, "[1", within: "time: [1]").WithArguments("'budget.time'", "a string", "a list"),
            At(UnknownField, yaml, "colour").WithArguments("colour", "'budget'"),
            At(WrongShape, yaml, "[m", within: "prices: [m]").WithArguments("'budget.prices'", "a mapping", "a list"),
            At(InvalidInteger, yaml, "many").WithArguments("'budget.tokens'", "-9223372036854775808", "9223372036854775807", "'many'"));
    }

    [Fact]
    public async Task The_repo_workflow_takes_50_hours_45_minutes_at_worst_and_has_no_token_limits_as_docs_budgets_md_says()
    {
        string yaml = File.ReadAllText(Path.Combine(TestSupport.RepoRoot, "stages.yaml")) + "budget:\n  time: \"2.02:00:00\"\n  tokens: 2000000\n";
        await VerifyAsync(
            yaml,
            At(TimeBudgetBelowCriticalPath, yaml, "\"2.02:00:00\"").WithMessage(
                "The time budget 2.02:00:00 is below the run's worst-case critical path of 50:45:00: SETUP 00:15:00 -> BUSINESS_PROBLEM 00:30:00 -> SPEC 01:00:00 -> SPEC_REVIEW 08:00:00 -> RESEARCH 01:00:00 -> PLAN 01:00:00 -> PLAN_REVIEW 08:00:00 -> IMPLEMENTATION 03:00:00 -> IMPLEMENTATION_REVIEW 12:00:00 -> TEST 01:00:00 -> ACCEPTANCE_TEST 07:00:00 -> POST_REVIEW 08:00:00"),
            At(BudgetUncheckable, yaml, "2000000").WithArguments("token", "SETUP, BUSINESS_PROBLEM, SPEC and 10 more", "max_tokens_per_call"));
    }
}
