namespace TeamBot.Workflow.Model;

/// <summary>A stage's <c>permissions</c>: the workspace tools its agents get, where they may write, what they may run.</summary>
public sealed record PermissionsDefinition
{
    /// <summary>Gets the <c>permissions</c> key, where problems with the block as a whole are reported.</summary>
    public required SourceSpan Span { get; init; }

    /// <summary>Gets the <c>tools</c> field; read-only tools when absent.</summary>
    public EquatableArray<Located<string>>? Tools { get; init; }

    /// <summary>Gets the <c>write</c> field written as a list: the globs every work agent of the stage may write.</summary>
    public EquatableArray<Located<string>> Write { get; init; }

    /// <summary>Gets the <c>write</c> field written as a mapping: each agent's own globs.</summary>
    public EquatableArray<AgentWriteDefinition> WriteByAgent { get; init; }

    /// <summary>Gets the <c>commands</c> field: the programs <c>run_command</c> may start.</summary>
    public EquatableArray<Located<string>> Commands { get; init; }
}
