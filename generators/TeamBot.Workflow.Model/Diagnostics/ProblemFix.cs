namespace TeamBot.Workflow.Diagnostics;

/// <summary>
/// The fix a rule knows for one problem, as plain data: the rule knows what is meant, and
/// <see cref="Fixes.WorkflowFixes"/> turns it into text edits when an editor asks, so no text is edited for a build.
/// </summary>
/// <param name="Kind">What the fix does.</param>
/// <param name="Value">The name it writes: the corrected name, the stage to add or remove, the added field's value.</param>
public sealed record ProblemFix(FixKind Kind, string Value)
{
    /// <summary>Gets the field a <see cref="FixKind.AddField"/> fix adds.</summary>
    public string? Field { get; init; }
}
