namespace TeamBot.LanguageServer.Protocol;

/// <summary>The diagnostics an editor shows at the range a code action is asked for.</summary>
internal sealed record CodeActionContext(LspDiagnostic[]? Diagnostics);

/// <summary><c>textDocument/codeAction</c>.</summary>
internal sealed record CodeActionParams(TextDocumentIdentifier TextDocument, LspRange Range, CodeActionContext? Context);

/// <summary>A quick fix: its edit and the diagnostic it fixes.</summary>
internal sealed record CodeAction(string Title, string Kind, LspDiagnostic[] Diagnostics, bool IsPreferred, WorkspaceEdit Edit);
