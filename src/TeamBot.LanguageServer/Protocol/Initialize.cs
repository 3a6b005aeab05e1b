namespace TeamBot.LanguageServer.Protocol;

/// <summary>Open and close notifications, and incremental changes (2).</summary>
internal sealed record TextDocumentSyncOptions(bool OpenClose, int Change);

/// <summary>The characters after which an editor asks for completions.</summary>
internal sealed record CompletionOptions(string[] TriggerCharacters);

/// <summary>Rename with a prepare step, so an editor knows what can be renamed.</summary>
internal sealed record RenameOptions(bool PrepareProvider);

/// <summary>The code action kinds offered.</summary>
internal sealed record CodeActionOptions(string[] CodeActionKinds);

/// <summary>What the server does.</summary>
internal sealed record ServerCapabilities(
    TextDocumentSyncOptions TextDocumentSync,
    CompletionOptions CompletionProvider,
    bool HoverProvider,
    bool DefinitionProvider,
    bool ReferencesProvider,
    RenameOptions RenameProvider,
    bool DocumentSymbolProvider,
    CodeActionOptions CodeActionProvider,
    ExecuteCommandOptions ExecuteCommandProvider);

/// <summary>The server's name and version.</summary>
internal sealed record ServerInfo(string Name, string Version);

/// <summary>The answer to <c>initialize</c>.</summary>
internal sealed record InitializeResult(ServerCapabilities Capabilities, ServerInfo ServerInfo);
