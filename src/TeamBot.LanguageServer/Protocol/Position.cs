namespace TeamBot.LanguageServer.Protocol;

/// <summary>An LSP position: zero-based line and UTF-16 character, the encoding .NET strings use.</summary>
internal sealed record Position(int Line, int Character);
