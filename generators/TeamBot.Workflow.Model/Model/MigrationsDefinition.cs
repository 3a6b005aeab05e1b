namespace TeamBot.Workflow.Model;

/// <summary>The <c>migrations</c> section: how runs saved under shipped versions carry over to this file.</summary>
/// <param name="Span">Where the key <c>migrations</c> is.</param>
/// <param name="Renamed">The entries of <c>renamed</c>: old stage key to new key.</param>
/// <param name="Removed">The entries of <c>removed</c>: removed stage key to the stage its runs resume at.</param>
/// <param name="ResetIterations">The entries of <c>reset_iterations</c>: loops whose counters restart for runs inside them.</param>
public sealed record MigrationsDefinition(
    SourceSpan Span,
    EquatableArray<StageMoveDefinition> Renamed,
    EquatableArray<StageMoveDefinition> Removed,
    EquatableArray<Located<string>> ResetIterations);
