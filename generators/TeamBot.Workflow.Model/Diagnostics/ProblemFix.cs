namespace TeamBot.Workflow.Diagnostics;

/// <summary>
/// The fix a rule knows for one problem, as plain data: the rule knows what is meant, and
/// <see cref="Fixes.WorkflowFixes"/> turns it into text edits when an editor asks, so nothing is computed for a build.
/// </summary>
/// <param name="Kind">What the fix does.</param>
/// <param name="Value">The name or field it writes.</param>
public sealed record ProblemFix(FixKind Kind, string Value);
