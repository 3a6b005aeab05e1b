namespace TeamBot.Workflow.Fixes;

/// <summary>One edit of a workflow file: replace <paramref name="Length"/> characters at <paramref name="Start"/>.</summary>
/// <param name="Start">The offset of the first character replaced.</param>
/// <param name="Length">How many characters are replaced; 0 inserts.</param>
/// <param name="NewText">The text written there.</param>
public readonly record struct TextReplacement(int Start, int Length, string NewText);
