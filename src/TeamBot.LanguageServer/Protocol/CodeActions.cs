namespace TeamBot.LanguageServer.Protocol;

/// <summary>The diagnostics an editor shows at the range a code action is asked for.</summary>
internal sealed record CodeActionContext(LspDiagnostic[]? Diagnostics);

/// <summary><c>textDocument/codeAction</c>.</summary>
internal sealed record CodeActionParams(TextDocumentIdentifier TextDocument, LspRange Range, CodeActionContext? Context);

/// <summary>A quick fix (its edit and the diagnostic it fixes), or a source action that runs a command.</summary>
internal sealed record CodeAction(string Title, string Kind, LspDiagnostic[]? Diagnostics, bool IsPreferred, WorkspaceEdit? Edit, LspCommand? Command = null);

/// <summary>A command the server runs when the client sends <c>workspace/executeCommand</c>.</summary>
internal sealed record LspCommand(string Title, string Command, string[] Arguments);

/// <summary><c>workspace/executeCommand</c>.</summary>
internal sealed record ExecuteCommandParams(string? Command, string[]? Arguments);

/// <summary>The commands the server runs.</summary>
internal sealed record ExecuteCommandOptions(string[] Commands);
