namespace TeamBot.Workflow.Versioning;

/// <summary>A stage key of a shipped version and the current stage it maps to.</summary>
/// <param name="From">The shipped version's key.</param>
/// <param name="To">The current key (renamed), or the stage its runs resume at (removed).</param>
public sealed record StagePair(string From, string To);
