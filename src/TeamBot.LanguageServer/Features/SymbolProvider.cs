using System;
using System.Collections.Generic;
using System.Linq;
using TeamBot.LanguageServer.Protocol;
using TeamBot.Workflow.Model;
using TeamBot.Workflow.Parsing;

namespace TeamBot.LanguageServer.Features;

/// <summary>The outline: the sections, with the stages, the groups (and their members) and the review pairs under them.</summary>
internal static class SymbolProvider
{
    private const int SectionKind = 3;
    private const int ArrayKind = 18;
    private const int PropertyKind = 7;
    private const int StageKind = 22;
    private const int GroupKind = 23;

    public static DocumentSymbol[] Symbols(OpenDocument document)
    {
        if (document.Analysis.Document is not { } workflow)
        {
            return [];
        }

        DocumentSymbol?[] sections =
        [
            Section(document, WorkflowSchema.Stages, workflow.StagesSpan, SectionKind, workflow.Stages.Select(stage => Symbol(document, stage.Key, StageHover.Summary(stage), StageKind))),
            Section(document, WorkflowSchema.StageOrder, workflow.StageOrderSpan, ArrayKind, workflow.StageOrder.Select(entry => Symbol(document, entry, null, PropertyKind))),
            Section(document, WorkflowSchema.ParallelGroups, workflow.ParallelGroupsSpan, SectionKind, workflow.ParallelGroups.Select(group => Group(document, group))),
            Section(document, WorkflowSchema.WorkToReviewMapping, workflow.ReviewMappingsSpan, SectionKind, workflow.ReviewMappings.Select(mapping => Symbol(document, mapping.WorkStage, "reviewed in " + mapping.ReviewStage.Value, PropertyKind))),
        ];

        // A missing section has an empty span; the outline lists what the file has, in file order.
        return sections.OfType<DocumentSymbol>().OrderBy(section => document.Lines.ToOffset(section.SelectionRange.Start)).ToArray();
    }

    private static DocumentSymbol? Section(OpenDocument document, string name, SourceSpan key, int kind, IEnumerable<DocumentSymbol> children)
    {
        if (key.Length == 0)
        {
            return null;
        }

        DocumentSymbol[] items = children.ToArray();
        int end = Math.Max(key.End, items.Length > 0 ? document.Lines.ToOffset(items[items.Length - 1].Range.End) : key.End);
        return new DocumentSymbol(name, null, kind, document.Lines.ToRange(key.Start, end), document.Lines.ToRange(key.Start, key.End), items);
    }

    private static DocumentSymbol Group(OpenDocument document, ParallelGroupDefinition group)
    {
        DocumentSymbol[] members = group.Stages.Select(member => Symbol(document, member, null, StageKind)).ToArray();
        string detail = $"after {group.After?.Value ?? "?"}, before {group.Before?.Value ?? "?"}";
        int end = members.Length > 0 ? document.Lines.ToOffset(members[members.Length - 1].Range.End) : group.Name.Span.End;
        if (group.Before is { } before && before.Span.End > end)
        {
            end = before.Span.End;
        }

        return new DocumentSymbol(group.Name.Value, detail, GroupKind, document.Lines.ToRange(group.Name.Span.Start, end), document.Lines.ToRange(group.Name.Span.Start, group.Name.Span.End), members);
    }

    private static DocumentSymbol Symbol(OpenDocument document, Located<string> key, string? detail, int kind)
    {
        LspRange range = document.Lines.ToRange(key.Span.Start, key.Span.End);
        return new DocumentSymbol(key.Value.Length > 0 ? key.Value : "(empty)", detail, kind, range, range, null);
    }
}
