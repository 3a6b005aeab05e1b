using System;
using System.Linq;
using TeamBot.Workflow;
using TeamBot.Workflow.Costs;
using TeamBot.Workflow.Diagnostics;

namespace TeamBot.Analyzers.Tests;

/// <summary>
/// The worst-case model on its own: total over any file the parser reads, and saturating instead of overflowing.
/// Its figures are checked against the execution rules in tests/TeamBot.Tests/Rules/WorstCaseSimulationTests.
/// </summary>
public sealed class WorstCaseModelTests
{
    [Fact]
    public void Bounds_at_the_top_of_their_range_saturate_instead_of_overflowing()
    {
        string yaml = """
            stages:
              LOOP:
                work_agent: ba
                review_agent: reviewer
                is_review_stage: true
                max_iterations: 2147483647
                max_tokens_per_call: 2147483647
                timeout: "10675199.02:48:05"
              AGAIN:
                work_agent: ba
                review_agent: reviewer
                is_review_stage: true
                max_iterations: 2147483647
                max_tokens_per_call: 2147483647
                timeout: "01:00:00"
              END: {}
            stage_order: [LOOP, AGAIN, END]
            budget:
              tokens: 9223372036854775807
              time: "10675199.02:48:05"

            """;
        WorkflowAnalysis analysis = WorkflowAnalysis.Analyze(yaml);

        WorkflowWorstCase worst = WorkflowCostModel.Compute(analysis.Document!);
        Assert.Equal(int.MaxValue, worst.Calls);
        Assert.Equal(long.MaxValue, worst.Tokens);
        Assert.Equal(TimeSpan.MaxValue, worst.CriticalPath);
        Assert.Equal([RuleIds.TimeBudgetBelowCriticalPath], analysis.Problems.Select(problem => problem.Id));
    }

    [Fact]
    public void A_file_with_errors_gives_the_figures_of_what_can_be_read()
    {
        string yaml = Workflows.With("stages: [RESEARCH, TEST_STRATEGY]", "stages: [RESEARCH, NOWHERE, RESEARCH]").Replace("    before: PLAN\n", "    before: PLAN\n    max_concurrency: 0\n", StringComparison.Ordinal);
        WorkflowAnalysis analysis = WorkflowAnalysis.Analyze(yaml);
        Assert.True(analysis.HasErrors());

        WorkflowWorstCase worst = WorkflowCostModel.Compute(analysis.Document!);

        // SETUP 1, SPEC 1, SPEC_REVIEW 8, RESEARCH 1 (a member), TEST_STRATEGY 1 (no longer one), PLAN 1, COMPLETE 0.
        Assert.Equal(13, worst.Calls);
        Assert.Null(worst.CriticalPath);
        Assert.Equal(["SETUP", "SPEC", "SPEC_REVIEW", "RESEARCH", "TEST_STRATEGY", "PLAN"], worst.StagesWithoutTimeout.AsEnumerable());
    }
}
