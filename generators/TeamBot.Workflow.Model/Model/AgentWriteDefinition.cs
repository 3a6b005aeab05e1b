namespace TeamBot.Workflow.Model;

/// <summary>One agent's entry in a <c>write</c> mapping: the globs that agent may write.</summary>
/// <param name="Agent">The agent's id.</param>
/// <param name="Paths">The globs.</param>
public sealed record AgentWriteDefinition(Located<string> Agent, EquatableArray<Located<string>> Paths);
