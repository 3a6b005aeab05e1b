using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Serialization;

namespace TeamBot.State;

/// <summary>The <c>agent</c> entry of the state: which agent a run was started with, so a resume uses it again.</summary>
public sealed class AgentEntry
{
    /// <summary>Gets or sets the agent's kind, as the host names it (for example <c>openai</c>).</summary>
    [JsonPropertyName("kind")]
    public string? Kind { get; set; }

    /// <summary>Gets or sets the agent's settings (model, endpoint, the name of the variable with the key); never a secret.</summary>
    [JsonPropertyName("settings")]
    public Dictionary<string, string>? Settings { get; set; }

    /// <summary>The entry for <paramref name="agent"/>.</summary>
    public static AgentEntry From(RunAgent agent)
    {
        System.ArgumentNullException.ThrowIfNull(agent);
        return new() { Kind = agent.Kind, Settings = agent.Settings.Count == 0 ? null : agent.Settings.ToDictionary(pair => pair.Key, pair => pair.Value, System.StringComparer.Ordinal) };
    }

    /// <summary>The agent this entry records.</summary>
    public RunAgent ToAgent() => new(Kind ?? "", Settings ?? new Dictionary<string, string>(System.StringComparer.Ordinal));
}
