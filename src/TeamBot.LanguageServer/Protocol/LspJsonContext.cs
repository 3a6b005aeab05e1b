using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace TeamBot.LanguageServer.Protocol;

/// <summary>The protocol's JSON, source-generated: camelCase names, nulls left out, no reflection.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(JsonElement))]
[JsonSerializable(typeof(DidOpenTextDocumentParams))]
[JsonSerializable(typeof(DidChangeTextDocumentParams))]
[JsonSerializable(typeof(DidCloseTextDocumentParams))]
[JsonSerializable(typeof(TextDocumentPositionParams))]
[JsonSerializable(typeof(DocumentParams))]
[JsonSerializable(typeof(ReferenceParams))]
[JsonSerializable(typeof(RenameParams))]
[JsonSerializable(typeof(CodeActionParams))]
[JsonSerializable(typeof(ExecuteCommandParams))]
[JsonSerializable(typeof(PublishDiagnosticsParams))]
[JsonSerializable(typeof(InitializeResult))]
[JsonSerializable(typeof(CompletionList))]
[JsonSerializable(typeof(Hover))]
[JsonSerializable(typeof(LspLocation))]
[JsonSerializable(typeof(LspLocation[]))]
[JsonSerializable(typeof(WorkspaceEdit))]
[JsonSerializable(typeof(PrepareRenameResult))]
[JsonSerializable(typeof(DocumentSymbol[]))]
[JsonSerializable(typeof(CodeAction[]))]
[JsonSerializable(typeof(Dictionary<string, TextEdit[]>))]
internal sealed partial class LspJsonContext : JsonSerializerContext;
