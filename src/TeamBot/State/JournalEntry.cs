using System.Collections.Generic;
using System.Text.Json.Serialization;

namespace TeamBot.State;

/// <summary>
/// One line of a run's journal: an event the rules decided on after the last snapshot. Replaying the entries over the
/// snapshot gives the run's state, so a save costs one short line instead of the whole document.
/// </summary>
public sealed class JournalEntry
{
    /// <summary>Gets or sets the entry's number; they increase by one over the whole run, across snapshots.</summary>
    [JsonPropertyName("seq")]
    public long Sequence { get; set; }

    /// <summary>Gets or sets the run's elapsed time when the event happened.</summary>
    [JsonPropertyName("elapsed_seconds")]
    public double ElapsedSeconds { get; set; }

    /// <summary>Gets or sets the event's kind, in snake_case (<c>stage_succeeded</c>, <c>review_verdict_given</c>...).</summary>
    [JsonPropertyName("event")]
    public string Event { get; set; } = "";

    /// <summary>Gets or sets the stage's persisted name.</summary>
    [JsonPropertyName("stage")]
    public string? Stage { get; set; }

    /// <summary>Gets or sets the review iteration or acceptance-test run.</summary>
    [JsonPropertyName("iteration")]
    public int? Iteration { get; set; }

    /// <summary>Gets or sets the event's text: an output, an error, a review, a report or a fix summary.</summary>
    [JsonPropertyName("text")]
    public string? Text { get; set; }

    /// <summary>Gets or sets whether a reviewer approved.</summary>
    [JsonPropertyName("approved")]
    public bool? Approved { get; set; }

    /// <summary>Gets or sets whether a failed stage ran out of time.</summary>
    [JsonPropertyName("timed_out")]
    public bool? TimedOut { get; set; }

    /// <summary>Gets or sets the acceptance-test scenarios that passed.</summary>
    [JsonPropertyName("passed")]
    public int? Passed { get; set; }

    /// <summary>Gets or sets the acceptance-test scenarios that failed or were skipped.</summary>
    [JsonPropertyName("failed")]
    public int? Failed { get; set; }

    /// <summary>Gets or sets the acceptance-test scenarios in the spec.</summary>
    [JsonPropertyName("total")]
    public int? Total { get; set; }

    /// <summary>Gets or sets the tool calls the agents made for the event's work.</summary>
    [JsonPropertyName("tool_calls")]
    public List<ToolCallEntry>? ToolCalls { get; set; }

    /// <summary>Gets or sets the tokens of each agent call of the event's work.</summary>
    [JsonPropertyName("usage")]
    public List<UsageEntry>? Usage { get; set; }
}

/// <summary>The source-generated serializer for journal lines: one compact object per line.</summary>
[JsonSourceGenerationOptions(WriteIndented = false, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(JournalEntry))]
internal sealed partial class JournalJsonContext : JsonSerializerContext;
