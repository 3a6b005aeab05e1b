namespace TeamBot.LanguageServer.Protocol;

/// <summary>Markdown or plain text shown by an editor.</summary>
internal sealed record MarkupContent(string Kind, string Value)
{
    public static MarkupContent Markdown(string value) => new("markdown", value);
}

/// <summary>One completion: kind 5 field, 12 value, 20 enum member (a stage), 18 reference (an agent).</summary>
internal sealed record CompletionItem(string Label, int Kind, string? Detail, MarkupContent? Documentation, string? InsertText, string? SortText);

/// <summary>The completions at a position; complete, so the editor filters them itself as the user types.</summary>
internal sealed record CompletionList(bool IsIncomplete, CompletionItem[] Items);
