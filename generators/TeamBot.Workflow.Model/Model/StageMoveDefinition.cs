namespace TeamBot.Workflow.Model;

/// <summary>
/// One entry of <c>migrations.renamed</c> (an old stage key and its new key) or of <c>migrations.removed</c> (a removed
/// stage key and the stage a run positioned there resumes at).
/// </summary>
/// <param name="From">The stage key a shipped version had.</param>
/// <param name="To">The stage it became, or where its runs resume.</param>
public sealed record StageMoveDefinition(Located<string> From, Located<string> To);
