using System;
using System.IO;
using System.Linq;
using TeamBot.LanguageServer.Features;
using TeamBot.LanguageServer.Protocol;
using TeamBot.Workflow;
using TeamBot.Workflow.Model;

namespace TeamBot.LanguageServer;

/// <summary>
/// One workflow file as the editor has it: its text, version and analysis. The last document that parsed is kept, so
/// completion still knows the stage keys while a half-typed line breaks the YAML.
/// </summary>
internal sealed class OpenDocument
{
    private OpenDocument(string uri, int version, string text, WorkflowDocument? lastParsed)
    {
        Uri = uri;
        Version = version;
        Text = text;
        Lines = new LineMap(text);
        WorkflowAnalysis analysis = WorkflowAnalysis.Analyze(text, FindTemplate(uri));
        Gate = VersionGate.Check(uri, analysis);
        Analysis = Gate is { Problems.Count: > 0 } gate ? analysis with { Problems = analysis.Problems.Concat(gate.Problems).ToEquatableArray() } : analysis;
        LastParsed = Analysis.Document ?? lastParsed;
    }

    public string Uri { get; }

    public int Version { get; }

    public string Text { get; }

    public LineMap Lines { get; }

    public WorkflowAnalysis Analysis { get; }

    /// <summary>Gets the compatibility gate's view of this text, for a valid file saved in a folder.</summary>
    public VersionGateState? Gate { get; }

    /// <summary>Gets this version's document, or the last one that parsed.</summary>
    public WorkflowDocument? LastParsed { get; }

    public static OpenDocument Open(TextDocumentItem item) => new(item.Uri, item.Version, item.Text ?? "", null);

    /// <summary>This document analysed again, after a file it reads (the versions file) changed.</summary>
    public OpenDocument Refresh() => new(Uri, Version, Text, LastParsed);

    /// <summary>This document with <paramref name="changes"/> applied in order, each against the text the one before left.</summary>
    public OpenDocument Change(int version, TextDocumentContentChangeEvent[] changes)
    {
        string text = Text;
        foreach (TextDocumentContentChangeEvent change in changes)
        {
            if (change.Range is not { } range)
            {
                text = change.Text ?? "";
                continue;
            }

            var lines = new LineMap(text);
            int start = lines.ToOffset(range.Start);
            int end = Math.Max(start, lines.ToOffset(range.End));
            text = string.Concat(text.AsSpan(0, start), change.Text ?? "", text.AsSpan(end));
        }

        return new OpenDocument(Uri, version, text, LastParsed);
    }

    /// <summary>
    /// Prompt templates are resolved relative to the file, on disk: the editor has no compiler's list of additional files,
    /// so a template that exists counts as available.
    /// </summary>
    private static Func<string, PromptTemplateLookup>? FindTemplate(string uri)
    {
        if (!System.Uri.TryCreate(uri, UriKind.Absolute, out Uri? parsed) || !parsed.IsFile || Path.GetDirectoryName(parsed.LocalPath) is not { } directory)
        {
            return null;
        }

        return relative => File.Exists(Path.Combine(directory, relative)) ? PromptTemplateLookup.AdditionalFile : PromptTemplateLookup.NotFound;
    }
}
