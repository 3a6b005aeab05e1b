namespace TeamBot.LanguageServer.Protocol;

/// <summary>What a hover shows, over the range it is about.</summary>
internal sealed record Hover(MarkupContent Contents, LspRange? Range);
