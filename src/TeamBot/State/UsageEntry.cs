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

    internal static UsageEntry From(AgentUsage usage) => new()
    {
        Agent = usage.Agent,
        Model = usage.Model,
        InputTokens = usage.Tokens.InputTokens,
        OutputTokens = usage.Tokens.OutputTokens,
        TotalTokens = usage.Tokens.TotalTokens,
    };

    internal AgentUsage ToUsage() => new(Agent ?? "", Model, Tokens);
}
