using System;
using System.Globalization;
using System.Linq;
using System.Text;
using TeamBot.Generators.Tests.Infrastructure;
using TeamBot.Workflow;
using TeamBot.Workflow.Costs;

namespace TeamBot.Generators.Tests;

/// <summary>
/// Pins the build-time worst case (docs/budgets.md) of the repo's workflow and of the budget golden case as plain text;
/// tests/TeamBot.Tests/Rules/WorstCaseSimulationTests checks the same figures against every path of the rules.
/// </summary>
public sealed class WorstCaseFiguresTests
{
    [Theory]
    [InlineData("repo")]
    [InlineData("budget")]
    public void The_worst_case_matches_the_golden_file(string name)
    {
        GoldenFile.AssertMatches(RepoPaths.Golden(name, "worst-case.txt"), Render(Compute(name)));
    }

    [Fact]
    public void The_repo_workflow_can_make_48_calls_and_take_50_hours_45_minutes()
    {
        WorkflowWorstCase worst = Compute("repo");

        Assert.Equal(48, worst.Calls);
        Assert.Equal(new TimeSpan(2, 2, 45, 0), worst.CriticalPath);
        Assert.Null(worst.Tokens);
        Assert.Equal(
            [1, 1, 1, 8, 1, 1, 1, 8, 2, 8, 1, 7, 8, 0],
            worst.Stages.Select(stage => stage.Calls));
        Assert.Equal(13, worst.StagesWithoutTokenLimit.Count);
    }

    private static WorkflowWorstCase Compute(string name)
    {
        WorkflowAnalysis analysis = WorkflowAnalysis.Analyze(GoldenOutputTests.ReadInput(name));
        Assert.False(analysis.HasErrors(), string.Join("\n", analysis.Problems.Select(problem => problem.Id)));
        return WorkflowCostModel.Compute(analysis.Document!);
    }

    private static string Render(WorkflowWorstCase worst)
    {
        var text = new StringBuilder();
        text.Append("stage | calls | tokens | time\n");
        foreach (StageWorstCase stage in worst.Stages)
        {
            text.Append(CultureInfo.InvariantCulture, $"{stage.Key} | {stage.Calls} | {Tokens(stage.Tokens)} | {Time(stage.Time)}\n");
        }

        text.Append(CultureInfo.InvariantCulture, $"run | {worst.Calls} | {Tokens(worst.Tokens)} | {Time(worst.CriticalPath)}\n");
        text.Append(CultureInfo.InvariantCulture, $"critical path: {string.Join(" -> ", worst.CriticalPathStages)}\n");
        text.Append(CultureInfo.InvariantCulture, $"without max_tokens_per_call: {string.Join(", ", worst.StagesWithoutTokenLimit)}\n");
        text.Append(CultureInfo.InvariantCulture, $"without timeout: {string.Join(", ", worst.StagesWithoutTimeout)}\n");
        return text.ToString();
    }

    private static string Tokens(long? tokens) => tokens is { } value ? WorstCaseText.Number(value) : "unknown";

    private static string Time(TimeSpan? time) => time is { } value ? WorstCaseText.Duration(value) : "unknown";
}
