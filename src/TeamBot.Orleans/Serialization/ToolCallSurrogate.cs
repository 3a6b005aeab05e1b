using Orleans;
using TeamBot.Agents;
using TeamBot.Rules;

namespace TeamBot.Orleans.Serialization;

/// <summary>How Orleans carries a <see cref="ToolCall"/> back from a worker grain.</summary>
[GenerateSerializer]
internal struct ToolCallSurrogate
{
    [Id(0)] public string Tool;
    [Id(1)] public string Arguments;
    [Id(2)] public string Summary;
    [Id(3)] public bool Refused;
    [Id(4)] public string? Agent;
    [Id(5)] public string? Output;
}

[RegisterConverter]
internal sealed class ToolCallConverter : IConverter<ToolCall, ToolCallSurrogate>
{
    public ToolCall ConvertFromSurrogate(in ToolCallSurrogate s) => new(s.Tool, s.Arguments, s.Summary, s.Refused) { Agent = s.Agent, Output = s.Output };

    public ToolCallSurrogate ConvertToSurrogate(in ToolCall v) => new() { Tool = v.Tool, Arguments = v.Arguments, Summary = v.Summary, Refused = v.Refused, Agent = v.Agent, Output = v.Output };
}
