using System;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.VisualStudio.Threading;
using StreamJsonRpc;
using TeamBot.LanguageServer.Features;
using TeamBot.LanguageServer.Protocol;
using TeamBot.Workflow;
using TeamBot.Workflow.Diagnostics;
using TeamBot.Workflow.Versioning;

namespace TeamBot.LanguageServer;

/// <summary>
/// A Language Server Protocol server for workflow files over a pair of streams (stdio for <c>teambot lsp</c>):
/// diagnostics on every change from the same parser and rules as the build, completion, hover, definition, references,
/// rename, the outline and quick fixes. Messages are handled one at a time in the order they arrive, so incremental
/// edits apply in order; a handler that fails answers with an error and the server goes on.
/// </summary>
public sealed class WorkflowLanguageServer : IDisposable
{
    private static readonly JsonElement Null = JsonDocument.Parse("null").RootElement.Clone();

    private readonly JsonRpc _rpc;
    private readonly Dictionary<string, OpenDocument> _documents = new(StringComparer.Ordinal);
    private readonly TaskCompletionSource<int> _exit = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private bool _shutdown;

    /// <summary>Initializes a new instance of the <see cref="WorkflowLanguageServer"/> class: serves <paramref name="input"/> and answers on <paramref name="output"/>.</summary>
    /// <param name="output">Where the server writes its messages (stdout).</param>
    /// <param name="input">Where the client's messages come from (stdin).</param>
    /// <param name="log">Where to say why a session ended early (stderr, which editors show in their server log).</param>
    public WorkflowLanguageServer(Stream output, Stream input, TextWriter? log = null)
    {
        _rpc = new JsonRpc(new HeaderDelimitedMessageHandler(output, input, Formatter()));
        _rpc.SynchronizationContext = new NonConcurrentSynchronizationContext(sticky: false);
        Add("initialize", _ => Serialize(Initialize(), LspJsonContext.Default.InitializeResult));
        Add("initialized", _ => Null);
        Add("shutdown", _ => Shutdown());
        Add("exit", _ => Exit());
        Add("textDocument/didOpen", json => Notify(Parse(json, LspJsonContext.Default.DidOpenTextDocumentParams), Open));
        Add("textDocument/didChange", json => Notify(Parse(json, LspJsonContext.Default.DidChangeTextDocumentParams), Change));
        Add("textDocument/didClose", json => Notify(Parse(json, LspJsonContext.Default.DidCloseTextDocumentParams), Close));
        Add("textDocument/completion", json => OnPosition(json, (document, position) => Serialize(CompletionProvider.Complete(document, position), LspJsonContext.Default.CompletionList)));
        Add("textDocument/hover", json => OnPosition(json, (document, position) => HoverProvider.Hover(document, position) is { } hover ? Serialize(hover, LspJsonContext.Default.Hover) : Null));
        Add("textDocument/definition", json => OnPosition(json, (document, position) => Serialize(NavigationProvider.Definition(document, position), LspJsonContext.Default.LspLocationArray)));
        Add("textDocument/prepareRename", json => OnPosition(json, (document, position) => NavigationProvider.PrepareRename(document, position) is { } result ? Serialize(result, LspJsonContext.Default.PrepareRenameResult) : Null));
        Add("textDocument/references", References);
        Add("textDocument/rename", Rename);
        Add("textDocument/documentSymbol", Symbols);
        Add("textDocument/codeAction", CodeActions);
        Add("workspace/executeCommand", ExecuteCommand);
        _rpc.Disconnected += (_, disconnected) =>
        {
            if (!_shutdown && !_exit.Task.IsCompleted)
            {
                log?.WriteLine($"teambot lsp: the session ended before shutdown: {disconnected.Description}");
            }

            _exit.TrySetResult(_shutdown ? 0 : 1);
        };
    }

    /// <summary>The documents open now, for tests; read between messages, never while one is handled.</summary>
    internal IReadOnlyList<OpenDocument> OpenDocuments() => _documents.Values.ToList();

    /// <summary>Serves until the client sends <c>exit</c> or the streams close.</summary>
    /// <returns>0 after <c>shutdown</c> then <c>exit</c>, 1 otherwise, as the protocol asks.</returns>
    public async Task<int> RunAsync(CancellationToken cancellationToken = default)
    {
        using CancellationTokenRegistration stop = cancellationToken.Register(() => _exit.TrySetResult(1));
        _rpc.StartListening();
        return await _exit.Task.ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public void Dispose() => _rpc.Dispose();

    private static InitializeResult Initialize() => new(
        new ServerCapabilities(
            new TextDocumentSyncOptions(OpenClose: true, Change: 2),
            new CompletionOptions([" ", "[", ",", "-", ":"]),
            HoverProvider: true,
            DefinitionProvider: true,
            ReferencesProvider: true,
            new RenameOptions(PrepareProvider: true),
            DocumentSymbolProvider: true,
            new CodeActionOptions(["quickfix", "source"]),
            new ExecuteCommandOptions([VersionGate.ShipCommand])),
        new ServerInfo("teambot", typeof(WorkflowLanguageServer).Assembly.GetName().Version?.ToString(3) ?? "0.0.0"));

    private JsonElement Shutdown()
    {
        _shutdown = true;
        return Null;
    }

    private JsonElement Exit()
    {
        _exit.TrySetResult(_shutdown ? 0 : 1);
        return Null;
    }

    private void Open(DidOpenTextDocumentParams open)
    {
        if (!WorkflowFiles.IsWorkflowFile(open.TextDocument.Uri, null))
        {
            return;
        }

        OpenDocument document = OpenDocument.Open(open.TextDocument);
        _documents[document.Uri] = document;
        Publish(document);
    }

    private void Change(DidChangeTextDocumentParams change)
    {
        if (!_documents.TryGetValue(change.TextDocument.Uri, out OpenDocument? document))
        {
            return;
        }

        document = document.Change(change.TextDocument.Version, change.ContentChanges ?? []);
        _documents[document.Uri] = document;
        Publish(document);
    }

    private void Close(DidCloseTextDocumentParams close)
    {
        if (_documents.Remove(close.TextDocument.Uri))
        {
            // A closed file's problems are the build's to show now; clear the editor's list.
            Send(new PublishDiagnosticsParams(close.TextDocument.Uri, null, []));
        }
    }

    private void Publish(OpenDocument document) =>
        Send(new PublishDiagnosticsParams(
            document.Uri,
            document.Version,
            document.Analysis.Problems.Select(problem => DiagnosticConverter.Convert(problem, document.Lines)).ToArray()));

    private void Send(PublishDiagnosticsParams diagnostics)
    {
        JsonElement json = JsonSerializer.SerializeToElement(diagnostics, LspJsonContext.Default.PublishDiagnosticsParams);
        _ = _rpc.NotifyWithParameterObjectAsync("textDocument/publishDiagnostics", NamedArguments(json), ArgumentTypes(json));
    }

    private JsonElement References(JsonElement json)
    {
        ReferenceParams? request = Parse(json, LspJsonContext.Default.ReferenceParams);
        return request is not null && Find(request.TextDocument) is { } document && request.Position is { } position
            ? Serialize(NavigationProvider.References(document, position, request.Context?.IncludeDeclaration ?? true), LspJsonContext.Default.LspLocationArray)
            : Null;
    }

    private JsonElement Rename(JsonElement json)
    {
        RenameParams? request = Parse(json, LspJsonContext.Default.RenameParams);
        return request is not null && Find(request.TextDocument) is { } document && request.Position is { } position
            && NavigationProvider.Rename(document, position, request.NewName ?? "") is { } edit
            ? Serialize(edit, LspJsonContext.Default.WorkspaceEdit)
            : Null;
    }

    private JsonElement Symbols(JsonElement json) =>
        Parse(json, LspJsonContext.Default.DocumentParams) is { } request && Find(request.TextDocument) is { } document
            ? Serialize(SymbolProvider.Symbols(document), LspJsonContext.Default.DocumentSymbolArray)
            : Null;

    private JsonElement CodeActions(JsonElement json) =>
        Parse(json, LspJsonContext.Default.CodeActionParams) is { } request && Find(request.TextDocument) is { } document && request.Range is { } range
            ? Serialize(CodeActionProvider.Actions(document, range), LspJsonContext.Default.CodeActionArray)
            : Null;

    /// <summary>
    /// Records the workflow as shipped, as <c>teambot workflow ship</c> does, from the text the editor has; then every open
    /// workflow is checked again, since the versions file it is checked against changed.
    /// </summary>
    private JsonElement ExecuteCommand(JsonElement json)
    {
        if (Parse(json, LspJsonContext.Default.ExecuteCommandParams) is not { Command: VersionGate.ShipCommand, Arguments: [string uri] }
            || !_documents.TryGetValue(uri, out OpenDocument? document) || document.Gate is not { } gate)
        {
            throw new LocalRpcException("teambot lsp: 'teambot.workflow.ship' takes the URI of an open, valid workflow file saved in a folder") { ErrorCode = ErrorCodes.InvalidParams };
        }

        ShipOutcome outcome = WorkflowShipping.Ship(document.Text, File.Exists(gate.VersionsPath) ? File.ReadAllText(gate.VersionsPath) : null);
        if (outcome.NewText is { } text)
        {
            string temporary = gate.VersionsPath + ".tmp";
            File.WriteAllText(temporary, text, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
            File.Move(temporary, gate.VersionsPath, overwrite: true);
            VersionGate.Forget(gate.VersionsPath);
        }
        else if (!outcome.AlreadyShipped)
        {
            throw new LocalRpcException($"Version {outcome.Version} cannot be recorded as shipped: {string.Join("; ", outcome.WorkflowProblems.Concat(outcome.VersionsProblems).Select(WorkflowRules.Message))}") { ErrorCode = ErrorCodes.RequestFailed };
        }

        foreach (OpenDocument open in _documents.Values.ToList())
        {
            _documents[open.Uri] = open.Refresh();
            Publish(_documents[open.Uri]);
        }

        return Null;
    }

    private JsonElement OnPosition(JsonElement json, Func<OpenDocument, Position, JsonElement> handle) =>
        Parse(json, LspJsonContext.Default.TextDocumentPositionParams) is { } request && Find(request.TextDocument) is { } document && request.Position is { } position
            ? handle(document, position)
            : Null;

    private OpenDocument? Find(TextDocumentIdentifier? identifier) =>
        identifier?.Uri is { } uri && _documents.TryGetValue(uri, out OpenDocument? document) ? document : null;

    private static JsonElement Notify<T>(T? request, Action<T> handle)
        where T : class
    {
        if (request is not null)
        {
            handle(request);
        }

        return Null;
    }

    /// <summary>A request's params; <see langword="null"/> when they are missing or not the shape the protocol gives them.</summary>
    private static T? Parse<T>(JsonElement json, JsonTypeInfo<T> type)
        where T : class
    {
        try
        {
            return json.ValueKind == JsonValueKind.Object ? json.Deserialize(type) : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static JsonElement Serialize<T>(T value, JsonTypeInfo<T> type) => JsonSerializer.SerializeToElement(value, type);

    /// <summary>Registers a handler: see <see cref="RpcHandler"/>.</summary>
    private void Add(string method, Func<JsonElement, JsonElement> handle)
    {
        var handler = new RpcHandler(method, handle);
        _rpc.AddLocalRpcMethod(RpcHandler.InvokeMethod, handler, handler.Attribute);
    }

    private static Dictionary<string, object?> NamedArguments(JsonElement json) =>
        json.EnumerateObject().ToDictionary(property => property.Name, property => (object?)property.Value, StringComparer.Ordinal);

    private static Dictionary<string, Type> ArgumentTypes(JsonElement json) =>
        json.EnumerateObject().ToDictionary(property => property.Name, _ => typeof(JsonElement), StringComparer.Ordinal);

    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = "Every params object and result is a JsonElement read or written by LspJsonContext (source-generated).")]
    [UnconditionalSuppressMessage("AOT", "IL3050", Justification = "As for IL2026.")]
    private static SystemTextJsonFormatter Formatter() => new() { JsonSerializerOptions = new JsonSerializerOptions(LspJsonContext.Default.Options) };
}
