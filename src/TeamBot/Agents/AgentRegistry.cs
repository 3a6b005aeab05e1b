using System;
using System.Collections.Generic;
using System.Linq;

namespace TeamBot.Agents;

/// <summary>The team: agents by the ids stages.yaml uses, with an optional agent for every other id.</summary>
public sealed class AgentRegistry
{
    private readonly Dictionary<string, IStageAgent> _agents;
    private readonly IStageAgent? _fallback;

    /// <summary>Initializes a new instance of the <see cref="AgentRegistry"/> class.</summary>
    /// <param name="agents">The agents by id.</param>
    /// <param name="fallback">The agent for ids not in <paramref name="agents"/>, or <see langword="null"/> to refuse them.</param>
    public AgentRegistry(IEnumerable<KeyValuePair<string, IStageAgent>> agents, IStageAgent? fallback = null)
    {
        ArgumentNullException.ThrowIfNull(agents);
        _agents = agents.ToDictionary(pair => pair.Key, pair => pair.Value, StringComparer.Ordinal);
        _fallback = fallback;
    }

    /// <summary>Creates a registry in which one agent plays every role.</summary>
    public static AgentRegistry ForAll(IStageAgent agent) => new([], agent);

    /// <summary>Gets the agent with <paramref name="id"/>.</summary>
    /// <exception cref="KeyNotFoundException">No agent has the id and there is no fallback.</exception>
    public IStageAgent Get(string id) =>
        _agents.TryGetValue(id, out IStageAgent? agent) ? agent
        : _fallback ?? throw new KeyNotFoundException($"No agent is registered as '{id}'. Registered: {string.Join(", ", _agents.Keys.Order(StringComparer.Ordinal))}.");
}
