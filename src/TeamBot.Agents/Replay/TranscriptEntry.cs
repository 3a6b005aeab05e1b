using System.Collections.Generic;
using System.Text.Json.Serialization;

namespace TeamBot.Agents.Replay;

/// <summary>One agent call in a transcript (<c>transcript.jsonl</c>): what was asked, with its full prompt, and the answer.</summary>
public sealed class TranscriptEntry
{
    /// <summary>Gets or sets the agent's id.</summary>
    [JsonPropertyName("agent")]
    public string Agent { get; set; } = "";

    /// <summary>Gets or sets the task, as <see cref="AgentTask"/> names it.</summary>
    [JsonPropertyName("task")]
    public string Task { get; set; } = "";

    /// <summary>Gets or sets the stage's persisted name.</summary>
    [JsonPropertyName("stage")]
    public string Stage { get; set; } = "";

    /// <summary>Gets or sets the review iteration or acceptance-test run (1 for other work).</summary>
    [JsonPropertyName("iteration")]
    public int Iteration { get; set; }

    /// <summary>
    /// Gets or sets the prompt the call's request makes (as an LLM agent sends it), with the run's folders written as
    /// <c>{workspace}</c> and <c>{artifacts}</c> so a replay elsewhere compares equal, and secrets redacted.
    /// </summary>
    [JsonPropertyName("prompt")]
    public string Prompt { get; set; } = "";

    /// <summary>Gets or sets the answer.</summary>
    [JsonPropertyName("response")]
    public RecordedResponse Response { get; set; } = new();
}

/// <summary>An agent's answer as a transcript keeps it: everything an <see cref="AgentResponse"/> holds.</summary>
public sealed class RecordedResponse
{
    /// <summary>Gets or sets the output text.</summary>
    [JsonPropertyName("output")]
    public string Output { get; set; } = "";

    /// <summary>Gets or sets the artifacts by path.</summary>
    [JsonPropertyName("artifacts")]
    public Dictionary<string, string> Artifacts { get; set; } = [];

    /// <summary>Gets or sets a review's verdict (<c>Approved</c>, <c>ChangesRequested</c>), when it gave one.</summary>
    [JsonPropertyName("verdict")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Verdict { get; set; }

    /// <summary>Gets or sets the acceptance-test results.</summary>
    [JsonPropertyName("scenario_results")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public List<RecordedScenario>? ScenarioResults { get; set; }

    /// <summary>Gets or sets the tool calls the agent made.</summary>
    [JsonPropertyName("tool_calls")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public List<RecordedToolCall>? ToolCalls { get; set; }

    /// <summary>Gets or sets the input tokens, when the agent reported usage.</summary>
    [JsonPropertyName("input_tokens")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public long? InputTokens { get; set; }

    /// <summary>Gets or sets the output tokens, when the agent reported usage.</summary>
    [JsonPropertyName("output_tokens")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public long? OutputTokens { get; set; }

    /// <summary>Gets or sets the total tokens, when the agent reported usage.</summary>
    [JsonPropertyName("total_tokens")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public long? TotalTokens { get; set; }

    /// <summary>Gets or sets the model that answered.</summary>
    [JsonPropertyName("model")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Model { get; set; }
}

/// <summary>One acceptance-test scenario's result in a transcript.</summary>
public sealed class RecordedScenario
{
    /// <summary>Gets or sets the scenario's id.</summary>
    [JsonPropertyName("id")]
    public string Id { get; set; } = "";

    /// <summary>Gets or sets the outcome (<c>Passed</c>, <c>Failed</c>, <c>Skipped</c>).</summary>
    [JsonPropertyName("outcome")]
    public string Outcome { get; set; } = "";

    /// <summary>Gets or sets the detail.</summary>
    [JsonPropertyName("detail")]
    public string Detail { get; set; } = "";
}

/// <summary>One tool call in a transcript.</summary>
public sealed class RecordedToolCall
{
    /// <summary>Gets or sets the agent that made it.</summary>
    [JsonPropertyName("agent")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Agent { get; set; }

    /// <summary>Gets or sets the tool.</summary>
    [JsonPropertyName("tool")]
    public string Tool { get; set; } = "";

    /// <summary>Gets or sets the arguments (JSON).</summary>
    [JsonPropertyName("arguments")]
    public string Arguments { get; set; } = "";

    /// <summary>Gets or sets the result in one line.</summary>
    [JsonPropertyName("summary")]
    public string Summary { get; set; } = "";

    /// <summary>Gets or sets a value indicating whether the call was refused.</summary>
    [JsonPropertyName("refused")]
    public bool Refused { get; set; }

    /// <summary>Gets or sets the end of a command's output.</summary>
    [JsonPropertyName("output")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Output { get; set; }
}

/// <summary>The source-generated serializer of transcript lines.</summary>
[JsonSourceGenerationOptions(WriteIndented = false, DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(TranscriptEntry))]
internal sealed partial class TranscriptJsonContext : JsonSerializerContext;
