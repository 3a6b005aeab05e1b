using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using TeamBot.LanguageServer.Protocol;
using TeamBot.Workflow.Model;
using TeamBot.Workflow.Parsing;

namespace TeamBot.LanguageServer.Features;

/// <summary>The outline: the sections, with the stages, the groups (and their members) and the review pairs under them.</summary>
internal static partial class SymbolProvider
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

        var sections = new List<DocumentSymbol>();
        foreach (Match section in SectionKey().Matches(document.Text))
        {
            string name = section.Groups[1].Value;
            DocumentSymbol[] children = name switch
            {
                WorkflowSchema.Stages => workflow.Stages.Select(stage => Symbol(document, stage.Key, StageHover.Summary(stage), StageKind)).ToArray(),
                WorkflowSchema.StageOrder => workflow.StageOrder.Select(entry => Symbol(document, entry, null, PropertyKind)).ToArray(),
                WorkflowSchema.ParallelGroups => workflow.ParallelGroups.Select(group => Group(document, group)).ToArray(),
                WorkflowSchema.WorkToReviewMapping => workflow.ReviewMappings.Select(mapping => Symbol(document, mapping.WorkStage, "reviewed in " + mapping.ReviewStage.Value, PropertyKind)).ToArray(),
                _ => [],
            };
            int end = children.Length > 0 ? document.Lines.ToOffset(children[children.Length - 1].Range.End) : section.Index + section.Length;
            LspRange selection = document.Lines.ToRange(section.Groups[1].Index, section.Groups[1].Index + name.Length);
            sections.Add(new DocumentSymbol(name, null, name == WorkflowSchema.StageOrder ? ArrayKind : SectionKind, document.Lines.ToRange(section.Index, end), selection, children));
        }

        return sections.ToArray();
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

    [GeneratedRegex(@"^(stages|stage_order|parallel_groups|work_to_review_mapping)[ \t]*:", RegexOptions.Multiline)]
    private static partial Regex SectionKey();
}
