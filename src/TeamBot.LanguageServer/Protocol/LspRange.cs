namespace TeamBot.LanguageServer.Protocol;

/// <summary>An LSP range, end exclusive.</summary>
internal sealed record LspRange(Position Start, Position End);
