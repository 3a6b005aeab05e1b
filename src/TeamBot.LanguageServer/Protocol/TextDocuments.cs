namespace TeamBot.LanguageServer.Protocol;

/// <summary>Names a document.</summary>
internal sealed record TextDocumentIdentifier(string Uri);

/// <summary>A document as opened: its whole text and version.</summary>
internal sealed record TextDocumentItem(string Uri, string? LanguageId, int Version, string Text);

/// <summary>A document and the version an edit brings it to.</summary>
internal sealed record VersionedTextDocumentIdentifier(string Uri, int Version);

/// <summary><c>textDocument/didOpen</c>.</summary>
internal sealed record DidOpenTextDocumentParams(TextDocumentItem TextDocument);

/// <summary>One change: a range replaced, or the whole text when there is no range.</summary>
internal sealed record TextDocumentContentChangeEvent(LspRange? Range, string Text);

/// <summary><c>textDocument/didChange</c>: changes applied in order.</summary>
internal sealed record DidChangeTextDocumentParams(VersionedTextDocumentIdentifier TextDocument, TextDocumentContentChangeEvent[] ContentChanges);

/// <summary><c>textDocument/didClose</c>.</summary>
internal sealed record DidCloseTextDocumentParams(TextDocumentIdentifier TextDocument);

/// <summary>A request about one position of a document (completion, hover, definition, prepareRename).</summary>
internal sealed record TextDocumentPositionParams(TextDocumentIdentifier TextDocument, Position Position);

/// <summary>A request about a whole document (document symbols).</summary>
internal sealed record DocumentParams(TextDocumentIdentifier TextDocument);
