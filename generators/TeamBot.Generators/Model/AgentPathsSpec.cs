using TeamBot.Workflow.Model;

namespace TeamBot.Generators.Model;

/// <summary>One agent's own write globs.</summary>
internal sealed record AgentPathsSpec(string Agent, EquatableArray<string> Paths);
