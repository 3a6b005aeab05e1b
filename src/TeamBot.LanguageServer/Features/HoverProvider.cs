using System.Collections.Generic;
using TeamBot.LanguageServer.Protocol;
using TeamBot.Workflow.Navigation;
using TeamBot.Workflow.Parsing;

namespace TeamBot.LanguageServer.Features;

/// <summary>Hover: for a stage key, what the stage is; for a field name, what the field means.</summary>
internal static class HoverProvider
{
    public static Hover? Hover(OpenDocument document, Position position)
    {
        int offset = document.Lines.ToOffset(position);
        if (document.LastParsed is { } workflow && document.Analysis.Document is not null && StageReferences.At(workflow, offset) is { } reference)
        {
            return new Hover(MarkupContent.Markdown(StageHover.Describe(workflow, reference.Key.Value)), document.Lines.ToRange(reference.Key.Span.Start, reference.Key.Span.End));
        }

        YamlCursor cursor = YamlCursor.At(document.Text, offset);
        int afterWord = cursor.WordStart + cursor.Word.Length;
        bool isKey = cursor.Word.Length > 0 && afterWord < document.Text.Length && document.Text[afterWord] == ':';
        if (!isKey || Scope(cursor.Path) is not { } scope || FieldDocs.Describe(scope, cursor.Word) is not { } description)
        {
            return null;
        }

        return new Hover(MarkupContent.Markdown($"**{cursor.Word}**\n\n{description}"), document.Lines.ToRange(cursor.WordStart, afterWord));
    }

    private static FieldScope? Scope(IReadOnlyList<string> path) => path switch
    {
        [] => FieldScope.Workflow,
        [WorkflowSchema.Stages, _] => FieldScope.Stage,
        [WorkflowSchema.Stages, _, "permissions"] => FieldScope.Permissions,
        [WorkflowSchema.ParallelGroups, _] => FieldScope.Group,
        [WorkflowSchema.Budget] => FieldScope.Budget,
        _ => null,
    };
}
