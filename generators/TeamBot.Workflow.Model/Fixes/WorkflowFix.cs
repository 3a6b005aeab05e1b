using TeamBot.Workflow.Model;

namespace TeamBot.Workflow.Fixes;

/// <summary>A fix an editor offers for a problem: its title and the edits that make it, in file order.</summary>
/// <param name="Title">What the fix does, as an editor lists it ("Change to 'TEST_STRATEGY'").</param>
/// <param name="Edits">The edits, none overlapping.</param>
public sealed record WorkflowFix(string Title, EquatableArray<TextReplacement> Edits);
