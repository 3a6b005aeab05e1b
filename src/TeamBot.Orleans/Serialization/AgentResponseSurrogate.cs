using System.Collections.Generic;
using Microsoft.Extensions.AI;
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
    [Id(5)] public long? InputTokens;
    [Id(6)] public long? OutputTokens;
    [Id(7)] public long? TotalTokens;
    [Id(8)] public bool HasUsage;
    [Id(9)] public string? ModelId;
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
        Usage = s.HasUsage ? new UsageDetails { InputTokenCount = s.InputTokens, OutputTokenCount = s.OutputTokens, TotalTokenCount = s.TotalTokens } : null,
        ModelId = s.ModelId,
    };

    public AgentResponseSurrogate ConvertToSurrogate(in AgentResponse v) => new()
    {
        Output = v.Output,
        Artifacts = new Dictionary<string, string>(v.Artifacts),
        Verdict = v.Verdict,
        ScenarioResults = [.. v.ScenarioResults],
        ToolCalls = [.. v.ToolCalls],
        HasUsage = v.Usage is not null,
        InputTokens = v.Usage?.InputTokenCount,
        OutputTokens = v.Usage?.OutputTokenCount,
        TotalTokens = v.Usage?.TotalTokenCount,
        ModelId = v.ModelId,
    };
}
