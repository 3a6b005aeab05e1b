using System;
using System.Text.Json.Serialization;
using TeamBot.Rules;

namespace TeamBot.State;

/// <summary>
/// Tokens in the state file's <c>token_usage</c> (per stage, agent and model, with the calls counted) and in a journal
/// line (one per call, without stage or calls) (added by TeamBot for .NET).
/// </summary>
public sealed class UsageEntry
{
    /// <summary>Gets or sets the stage's persisted name; in the state file only.</summary>
    [JsonPropertyName("stage")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Stage { get; set; }

    /// <summary>Gets or sets the id of the agent that made the calls.</summary>
    [JsonPropertyName("agent")]
    public string Agent { get; set; } = "";

    /// <summary>Gets or sets the model that answered, when the agent said.</summary>
    [JsonPropertyName("model")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Model { get; set; }

    /// <summary>Gets or sets the input tokens.</summary>
    [JsonPropertyName("input_tokens")]
    public long InputTokens { get; set; }

    /// <summary>Gets or sets the output tokens.</summary>
    [JsonPropertyName("output_tokens")]
    public long OutputTokens { get; set; }

    /// <summary>Gets or sets the total tokens.</summary>
    [JsonPropertyName("total_tokens")]
    public long TotalTokens { get; set; }

    /// <summary>Gets or sets the calls counted; in the state file only.</summary>
    [JsonPropertyName("calls")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? Calls { get; set; }

    internal TokenUsage Tokens => new(InputTokens, OutputTokens, TotalTokens);

    /// <summary>A journal line's entry: one call, without stage or calls.</summary>
    internal static UsageEntry From(AgentUsage usage) => Of(null, usage.Agent, usage.Model, usage.Tokens, null);

    /// <summary>A state file's line: the stage's calls by one agent and model.</summary>
    internal static UsageEntry From<TStage>(UsageLine<TStage> line, string stage)
        where TStage : struct, Enum => Of(stage, line.Agent, line.Model, line.Tokens, line.Calls);

    private static UsageEntry Of(string? stage, string agent, string? model, TokenUsage tokens, int? calls) => new()
    {
        Stage = stage,
        Agent = agent,
        Model = model,
        InputTokens = tokens.InputTokens,
        OutputTokens = tokens.OutputTokens,
        TotalTokens = tokens.TotalTokens,
        Calls = calls,
    };

    internal AgentUsage ToUsage() => new(Agent ?? "", Model, Tokens);
}
