using Orleans;
using TeamBot.Agents;

namespace TeamBot.Orleans.Serialization;

/// <summary>How Orleans carries an <see cref="AgentRequest"/> from a run grain to a worker grain.</summary>
[GenerateSerializer]
internal struct AgentRequestSurrogate
{
    [Id(0)] public string AgentId;
    [Id(1)] public AgentTask Task;
    [Id(2)] public StageContext Context;
}

[RegisterConverter]
internal sealed class AgentRequestConverter : IConverter<AgentRequest, AgentRequestSurrogate>
{
    public AgentRequest ConvertFromSurrogate(in AgentRequestSurrogate s) => new(s.AgentId, s.Task, s.Context);

    public AgentRequestSurrogate ConvertToSurrogate(in AgentRequest v) => new() { AgentId = v.AgentId, Task = v.Task, Context = v.Context };
}
