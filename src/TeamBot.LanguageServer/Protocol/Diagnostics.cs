namespace TeamBot.LanguageServer.Protocol;

/// <summary>Where a diagnostic's rule is described.</summary>
internal sealed record CodeDescription(string Href);

/// <summary>An LSP diagnostic: severity 1 is an error, 2 a warning.</summary>
internal sealed record LspDiagnostic(LspRange Range, int Severity, string Code, CodeDescription CodeDescription, string Source, string Message);

/// <summary><c>textDocument/publishDiagnostics</c>: every diagnostic of one version of a document.</summary>
internal sealed record PublishDiagnosticsParams(string Uri, int? Version, LspDiagnostic[] Diagnostics);
