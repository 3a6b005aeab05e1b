using TeamBot.Workflow.Model;

namespace TeamBot.Workflow.Navigation;

/// <summary>One place a stage key is written: its definition or a reference to it.</summary>
/// <param name="Key">The key as written, and where.</param>
/// <param name="Kind">What the place is.</param>
public readonly record struct StageReference(Located<string> Key, StageReferenceKind Kind);
