using System.Collections.Generic;

namespace TeamBot.State;

/// <summary>
/// The agent a run is carried out by, as the host chose it (for example <c>openai</c> with its model and endpoint):
/// recorded in the state, so that a resume can use the same one. Never holds a secret.
/// </summary>
/// <param name="Kind">The host's name for the kind of agent.</param>
/// <param name="Settings">The settings that chose it, by name.</param>
public sealed record RunAgent(string Kind, IReadOnlyDictionary<string, string> Settings);
