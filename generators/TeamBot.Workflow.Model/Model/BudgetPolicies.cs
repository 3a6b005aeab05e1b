namespace TeamBot.Workflow.Model;

/// <summary>The values of <c>budget.policy</c>.</summary>
public static class BudgetPolicies
{
    /// <summary>A budget below the worst case is an error.</summary>
    public const string Strict = "strict";

    /// <summary>A budget below the worst case is a warning (the default).</summary>
    public const string Warn = "warn";
}
