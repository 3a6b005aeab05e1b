using System.Text.Json;

namespace TeamBot.Agents.Copilot;

/// <summary>
/// One event of a session, as the CLI's <c>session.event</c> notification carries it (params <c>sessionId</c> and
/// <c>event</c>): a <see cref="Type"/> such as <c>assistant.message_delta</c> and its <see cref="Data"/>, kept as JSON
/// since each type has its own shape and TeamBot reads a few fields of a few types.
/// </summary>
internal sealed record CopilotSessionEvent(string Type, JsonElement Data)
{
    /// <summary>A string field of <see cref="Data"/>, or <see langword="null"/>.</summary>
    public string? Text(string name) =>
        Data.ValueKind == JsonValueKind.Object && Data.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>A field of <see cref="Data"/> as raw JSON, or <see langword="null"/>.</summary>
    public string? Json(string name) =>
        Data.ValueKind == JsonValueKind.Object && Data.TryGetProperty(name, out JsonElement value) && value.ValueKind != JsonValueKind.Null ? value.GetRawText() : null;

    /// <summary>A boolean field of <see cref="Data"/>, or <see langword="null"/>.</summary>
    public bool? Flag(string name) =>
        Data.ValueKind == JsonValueKind.Object && Data.TryGetProperty(name, out JsonElement value) && value.ValueKind is JsonValueKind.True or JsonValueKind.False ? value.GetBoolean() : null;

    /// <summary>An object field of <see cref="Data"/>, or <see langword="null"/>.</summary>
    public CopilotSessionEvent? Part(string name) =>
        Data.ValueKind == JsonValueKind.Object && Data.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.Object ? this with { Data = value } : null;
}
