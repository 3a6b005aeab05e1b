using System.Collections.Generic;

namespace TeamBot.LanguageServer.Protocol;

/// <summary>A range in a document.</summary>
internal sealed record LspLocation(string Uri, LspRange Range);

/// <summary>Whether find-references lists the definition too.</summary>
internal sealed record ReferenceContext(bool IncludeDeclaration);

/// <summary><c>textDocument/references</c>.</summary>
internal sealed record ReferenceParams(TextDocumentIdentifier TextDocument, Position Position, ReferenceContext? Context);

/// <summary><c>textDocument/rename</c>.</summary>
internal sealed record RenameParams(TextDocumentIdentifier TextDocument, Position Position, string NewName);

/// <summary>One replacement of a range.</summary>
internal sealed record TextEdit(LspRange Range, string NewText);

/// <summary>Edits by document URI.</summary>
internal sealed record WorkspaceEdit(Dictionary<string, TextEdit[]> Changes);

/// <summary>What <c>textDocument/prepareRename</c> answers: the range that would be renamed and its text.</summary>
internal sealed record PrepareRenameResult(LspRange Range, string Placeholder);
