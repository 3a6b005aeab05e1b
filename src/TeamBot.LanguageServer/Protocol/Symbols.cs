namespace TeamBot.LanguageServer.Protocol;

/// <summary>One entry of the outline: kind 3 namespace (a section), 18 array, 22 enum member (a stage), 23 struct (a group), 7 property.</summary>
internal sealed record DocumentSymbol(string Name, string? Detail, int Kind, LspRange Range, LspRange SelectionRange, DocumentSymbol[]? Children);
