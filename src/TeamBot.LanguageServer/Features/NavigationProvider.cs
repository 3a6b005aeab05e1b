using System.Collections.Generic;
using System.Linq;
using TeamBot.LanguageServer.Protocol;
using TeamBot.Workflow.Fixes;
using TeamBot.Workflow.Model;
using TeamBot.Workflow.Navigation;

namespace TeamBot.LanguageServer.Features;

/// <summary>Go to definition, find references and rename of stage keys, within the file.</summary>
internal static class NavigationProvider
{
    public static LspLocation[] Definition(OpenDocument document, Position position)
    {
        if (Target(document, position) is not { } key || document.Analysis.Document is not { } workflow)
        {
            return [];
        }

        return StageReferences.Of(workflow)
            .Where(reference => reference.Kind == StageReferenceKind.Definition && reference.Key.Value == key)
            .Select(reference => Location(document, reference.Key.Span))
            .ToArray();
    }

    public static LspLocation[] References(OpenDocument document, Position position, bool includeDeclaration)
    {
        if (Target(document, position) is not { } key || document.Analysis.Document is not { } workflow)
        {
            return [];
        }

        return StageReferences.Of(workflow)
            .Where(reference => reference.Key.Value == key && (includeDeclaration || reference.Kind != StageReferenceKind.Definition))
            .Select(reference => Location(document, reference.Key.Span))
            .ToArray();
    }

    public static PrepareRenameResult? PrepareRename(OpenDocument document, Position position)
    {
        if (document.Analysis.Document is not { } workflow
            || StageReferences.At(workflow, document.Lines.ToOffset(position)) is not { } reference
            || !workflow.Stages.Any(stage => stage.Key.Value == reference.Key.Value))
        {
            return null;
        }

        return new PrepareRenameResult(document.Lines.ToRange(reference.Key.Span.Start, reference.Key.Span.End), reference.Key.Value);
    }

    public static WorkspaceEdit? Rename(OpenDocument document, Position position, string newName)
    {
        if (string.IsNullOrWhiteSpace(newName) || PrepareRename(document, position) is not { } target || document.Analysis.Document is not { } workflow)
        {
            return null;
        }

        IReadOnlyList<TextReplacement> edits = StageReferences.Rename(document.Text, workflow, target.Placeholder, newName.Trim());
        return new WorkspaceEdit(new Dictionary<string, TextEdit[]>
        {
            [document.Uri] = edits.Select(edit => ToTextEdit(document, edit)).ToArray(),
        });
    }

    public static TextEdit ToTextEdit(OpenDocument document, TextReplacement edit) =>
        new(document.Lines.ToRange(edit.Start, edit.Start + edit.Length), edit.NewText);

    /// <summary>The stage key at the position, when that key is a declared stage.</summary>
    private static string? Target(OpenDocument document, Position position) =>
        document.Analysis.Document is { } workflow && StageReferences.At(workflow, document.Lines.ToOffset(position)) is { } reference
            ? reference.Key.Value
            : null;

    private static LspLocation Location(OpenDocument document, SourceSpan span) =>
        new(document.Uri, document.Lines.ToRange(span.Start, span.End));
}
