using System;
using System.Collections.Immutable;
using System.IO;
using TeamBot.Definitions;
using TeamBot.Hosting.Commands;

namespace TeamBot.Hosting.Tests;

/// <summary><c>teambot graph --costs</c> for a workflow with a budget: the budget row and the cost beside its worst case.</summary>
public sealed class CostsTableTests
{
    [Fact]
    public void A_budget_gets_its_row_and_the_cost_budget_is_shown_beside_the_worst_case_cost()
    {
        var budget = new WorkflowBudget
        {
            Tokens = 2_000_000,
            Cost = 25.00m,
            Time = new TimeSpan(2, 12, 0, 0),
            Strict = true,
            Prices = [new ModelPrice("small", 0.15m, 0.60m), new ModelPrice("large", 2.50m, 10.00m)],
        };
        var costs = new WorkflowCosts { WorstCaseCalls = 48, WorstCaseTokens = 2_400_000, CriticalPath = new TimeSpan(2, 2, 45, 0), CriticalPathStages = ["SETUP", "SPEC_REVIEW"] };
        using var output = new StringWriter();

        CostsTable.Write(new AlteredWorkflow(Workflow.Definition, budget: budget, costs: costs), output);

        string text = output.ToString();
        Assert.Contains("Run (worst case)             48       2400000    50:45:00", text, StringComparison.Ordinal);
        Assert.Contains("Budget (strict)                       2000000    60:00:00", text, StringComparison.Ordinal);
        Assert.Contains("Cost budget: 25.00; worst case: 24.00 (2400000 tokens at 10.00 per million)", text, StringComparison.Ordinal);
        Assert.Contains("Critical path (50:45:00): SETUP -> SPEC_REVIEW", text, StringComparison.Ordinal);
        Assert.DoesNotContain("No budget declared", text, StringComparison.Ordinal);
    }
}
