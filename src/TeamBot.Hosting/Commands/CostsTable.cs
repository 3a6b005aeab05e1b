using System;
using System.Globalization;
using System.IO;
using System.Linq;
using TeamBot.Definitions;

namespace TeamBot.Hosting.Commands;

/// <summary>
/// <c>teambot graph --costs</c>: each stage's build-time worst case, the run's, the declared budget and the critical
/// path, as the analyzer computed them (docs/budgets.md). A figure the workflow does not bound reads <c>-</c>.
/// </summary>
internal static class CostsTable
{
    public static void Write<TStage>(IWorkflowDefinition<TStage> workflow, TextWriter output)
        where TStage : struct, Enum
    {
        int width = Math.Max(24, workflow.Stages.Max(stage => stage.Key.Length) + 2);
        output.WriteLine(Row(width, "Stage", "Calls", "Tokens", "Time"));
        foreach (StageDescriptor<TStage> stage in workflow.Stages)
        {
            output.WriteLine(Row(width, stage.Key, Number(stage.WorstCaseCalls), Number(stage.WorstCaseTokens), Duration(stage.WorstCaseTime)));
        }

        WorkflowCosts costs = workflow.Costs;
        WorkflowBudget budget = workflow.Budget;
        output.WriteLine(Row(width, "Run (worst case)", Number(costs.WorstCaseCalls), Number(costs.WorstCaseTokens), Duration(costs.CriticalPath)));
        if (budget.Tokens is not null || budget.Time is not null || budget.Cost is not null)
        {
            output.WriteLine(Row(width, budget.Strict ? "Budget (strict)" : "Budget", "", Number(budget.Tokens), Duration(budget.Time)));
        }

        output.WriteLine();
        if (budget.Cost is { } cost)
        {
            output.WriteLine($"Cost budget: {Amount(cost)}; worst case: {WorstCost(costs, budget)}");
        }

        output.WriteLine(costs.CriticalPath is { } path
            ? $"Critical path ({Duration(path)}): {string.Join(" -> ", costs.CriticalPathStages)}"
            : "Critical path: unknown, a stage that calls agents has no timeout");
        if (budget.Tokens is null && budget.Time is null && budget.Cost is null)
        {
            output.WriteLine("No budget declared (budget: in stages.yaml).");
        }
    }

    /// <summary>The worst-case tokens all at the highest declared price, as the analyzer counts it (TB0802).</summary>
    private static string WorstCost(WorkflowCosts costs, WorkflowBudget budget)
    {
        if (costs.WorstCaseTokens is not { } tokens || budget.Prices.IsDefaultOrEmpty)
        {
            return "-";
        }

        decimal highest = budget.Prices.Max(price => Math.Max(price.InputPerMillion, price.OutputPerMillion));
        return $"{Amount(tokens * highest / 1_000_000m)} ({Number(tokens)} tokens at {Amount(highest)} per million)";
    }

    private static string Row(int width, string stage, string calls, string tokens, string time) =>
        $"{stage.PadRight(width)}{calls,7}{tokens,14}{time,12}";

    private static string Number(long? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "-";

    private static string Amount(decimal value) => value.ToString(value == decimal.Round(value, 2) ? "0.00" : "0.##########", CultureInfo.InvariantCulture);

    /// <summary>Hours past a day stay hours (50:45:00), as stages.yaml users read a run's length.</summary>
    private static string Duration(TimeSpan? value) =>
        value is { } time
            ? string.Format(CultureInfo.InvariantCulture, "{0:00}:{1:00}:{2:00}", (long)Math.Floor(time.TotalHours), time.Minutes, time.Seconds)
            : "-";
}
