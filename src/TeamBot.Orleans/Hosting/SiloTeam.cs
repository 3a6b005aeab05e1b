using TeamBot.Agents;

namespace TeamBot.Orleans.Hosting;

/// <summary>The agents that do the work on this silo, as opposed to the proxies a run's driver calls them through.</summary>
/// <param name="Agents">The agents by the ids stages.yaml uses.</param>
internal sealed record SiloTeam(AgentRegistry Agents);
