using Orleans;
using TeamBot.Agents;

namespace TeamBot.Orleans.Serialization;

/// <summary>How Orleans carries an <see cref="AgentActivity"/> from a worker grain to the run grain's silo.</summary>
[GenerateSerializer]
internal struct AgentActivitySurrogate
{
    [Id(0)] public AgentActivityKind Kind;
    [Id(1)] public string Text;
}

[RegisterConverter]
internal sealed class AgentActivityConverter : IConverter<AgentActivity, AgentActivitySurrogate>
{
    public AgentActivity ConvertFromSurrogate(in AgentActivitySurrogate s) => new(s.Kind, s.Text);

    public AgentActivitySurrogate ConvertToSurrogate(in AgentActivity v) => new() { Kind = v.Kind, Text = v.Text };
}
