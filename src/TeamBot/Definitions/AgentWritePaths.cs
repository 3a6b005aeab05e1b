using System.Collections.Immutable;

namespace TeamBot.Definitions;

/// <summary>One agent's own write globs in a stage's permissions.</summary>
/// <param name="Agent">The agent's id.</param>
/// <param name="Paths">The globs, relative to the workspace.</param>
public sealed record AgentWritePaths(string Agent, ImmutableArray<string> Paths);
