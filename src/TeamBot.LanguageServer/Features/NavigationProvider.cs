using System.Collections.Generic;
using System.Linq;
using StreamJsonRpc;
using TeamBot.LanguageServer.Protocol;
using TeamBot.Workflow.Fixes;
using TeamBot.Workflow.Model;
using TeamBot.Workflow.Naming;
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

        string name = newName.Trim();
        if (RenameRefusal(workflow, target.Placeholder, name) is { } refusal)
        {
            throw new LocalRpcException(refusal) { ErrorCode = ErrorCodes.RequestFailed };
        }

        IReadOnlyList<TextReplacement> edits = StageReferences.Rename(document.Text, workflow, target.Placeholder, name);
        return new WorkspaceEdit(new Dictionary<string, TextEdit[]>
        {
            [document.Uri] = edits.Select(edit => ToTextEdit(document, edit)).ToArray(),
        });
    }

    /// <summary>Why <paramref name="name"/> cannot replace <paramref name="key"/>: the rules the build would then break (TB0002, TB0107, TB0110).</summary>
    private static string? RenameRefusal(WorkflowDocument workflow, string key, string name)
    {
        string identifier = IdentifierNames.ToPascalCase(name);
        if (identifier.Length == 0)
        {
            return $"'{name}' cannot name a stage: it has no letter or digit, so no C# name can be made from it (TB0110).";
        }

        foreach (StageDefinition stage in workflow.Stages)
        {
            if (stage.Key.Value == key)
            {
                continue;
            }

            if (stage.Key.Value == name)
            {
                return $"A stage named '{name}' already exists (TB0002).";
            }

            if (IdentifierNames.ToPascalCase(stage.Key.Value) == identifier)
            {
                return $"'{name}' and stage '{stage.Key.Value}' would both become the C# name '{identifier}' (TB0107).";
            }
        }

        return null;
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
