using System;
using TeamBot.Agents;

namespace TeamBot.Orleans.Hosting;

/// <summary>The agents that do the work on this silo, as opposed to the proxies a run's driver calls them through.</summary>
/// <param name="Agents">The agents by the ids stages.yaml uses.</param>
/// <param name="StageOf">
/// The workflow's stage enum value for a persisted stage name: a request crosses the wire with the name only (the
/// serializer knows no user enum), and the worker gives its agent the typed stage back.
/// </param>
internal sealed record SiloTeam(AgentRegistry Agents, Func<string, Enum?> StageOf);
