using System.Collections.Generic;
using Orleans;
using TeamBot.AcceptanceTests;
using TeamBot.Agents;
using TeamBot.Rules;

namespace TeamBot.Orleans.Serialization;

/// <summary>How Orleans carries an <see cref="AgentResponse"/> back from a worker grain.</summary>
[GenerateSerializer]
internal struct AgentResponseSurrogate
{
    [Id(0)] public string Output;
    [Id(1)] public Dictionary<string, string> Artifacts;
    [Id(2)] public ReviewVerdict? Verdict;
    [Id(3)] public ScenarioResult[] ScenarioResults;
    [Id(4)] public ToolCall[] ToolCalls;
}

[RegisterConverter]
internal sealed class AgentResponseConverter : IConverter<AgentResponse, AgentResponseSurrogate>
{
    public AgentResponse ConvertFromSurrogate(in AgentResponseSurrogate s) => new()
    {
        Output = s.Output,
        Artifacts = s.Artifacts,
        Verdict = s.Verdict,
        ScenarioResults = [.. s.ScenarioResults],
        ToolCalls = [.. s.ToolCalls ?? []],
    };

    public AgentResponseSurrogate ConvertToSurrogate(in AgentResponse v) => new()
    {
        Output = v.Output,
        Artifacts = new Dictionary<string, string>(v.Artifacts),
        Verdict = v.Verdict,
        ScenarioResults = [.. v.ScenarioResults],
        ToolCalls = [.. v.ToolCalls],
    };
}
