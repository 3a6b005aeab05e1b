using TeamBot.Workflow.Model;

namespace TeamBot.Workflow.Diagnostics;

/// <summary>A problem found in a workflow file: a rule and where it is broken.</summary>
/// <param name="Id">The rule's diagnostic ID, one of <see cref="RuleIds"/>.</param>
/// <param name="Span">Where in the file.</param>
/// <param name="Arguments">The message arguments.</param>
public sealed record WorkflowProblem(string Id, SourceSpan Span, EquatableArray<string> Arguments)
{
    /// <summary>Gets the fix the rule knows for this problem, turned into edits by <see cref="Fixes.WorkflowFixes"/>.</summary>
    public ProblemFix? Fix { get; init; }

    /// <summary>
    /// Gets the severity this problem is reported with when it differs from its rule's default (a budget below the worst
    /// case is an error under <c>budget.policy: strict</c>); <see langword="null"/> for the rule's own.
    /// </summary>
    public RuleSeverity? Severity { get; init; }
}
