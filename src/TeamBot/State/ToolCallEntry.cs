using System.Text.Json.Serialization;
using TeamBot.Rules;

namespace TeamBot.State;

/// <summary>One tool call in the state file's <c>tool_calls</c> and in a journal line (added by TeamBot for .NET).</summary>
public sealed class ToolCallEntry
{
    /// <summary>Gets or sets the id of the agent that made the call.</summary>
    [JsonPropertyName("agent")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Agent { get; set; }

    /// <summary>Gets or sets the tool's name.</summary>
    [JsonPropertyName("tool")]
    public string Tool { get; set; } = "";

    /// <summary>Gets or sets the arguments the model gave (JSON).</summary>
    [JsonPropertyName("arguments")]
    public string Arguments { get; set; } = "";

    /// <summary>Gets or sets the result in one line.</summary>
    [JsonPropertyName("summary")]
    public string Summary { get; set; } = "";

    /// <summary>Gets or sets a value indicating whether the call was refused.</summary>
    [JsonPropertyName("refused")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool Refused { get; set; }

    /// <summary>Gets or sets the end of a command's output.</summary>
    [JsonPropertyName("output")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Output { get; set; }

    internal static ToolCallEntry From(ToolCall call) =>
        new() { Agent = call.Agent, Tool = call.Tool, Arguments = call.Arguments, Summary = call.Summary, Refused = call.Refused, Output = call.Output };

    // A hand-edited file may hold null where a text belongs: read as empty rather than failing later on it.
    internal ToolCall ToCall() => new(Tool ?? "", Arguments ?? "", Summary ?? "", Refused) { Agent = Agent, Output = Output };
}
