namespace TeamBot.Workflow.Versioning;

/// <summary>A saved run the current file would strand: the example each TB0601-TB0603 problem names.</summary>
/// <param name="Version">The shipped version the run was saved under.</param>
/// <param name="Position">Where the run is.</param>
/// <param name="RuleId">The problem reported for it.</param>
public sealed record StrandedRun(string Version, RunPosition Position, string RuleId);
