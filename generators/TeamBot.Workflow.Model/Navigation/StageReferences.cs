using System.Collections.Generic;
using System.Linq;
using TeamBot.Workflow.Fixes;
using TeamBot.Workflow.Model;

namespace TeamBot.Workflow.Navigation;

/// <summary>Every place a workflow writes a stage key, for go to definition, find references and rename.</summary>
public static class StageReferences
{
    /// <summary>Every stage key written in <paramref name="document"/>, definitions and references, in file order.</summary>
    public static IReadOnlyList<StageReference> Of(WorkflowDocument document)
    {
        var references = new List<StageReference>();
        references.AddRange(document.Stages.Select(stage => new StageReference(stage.Key, StageReferenceKind.Definition)));
        references.AddRange(document.StageOrder.Select(entry => new StageReference(entry, StageReferenceKind.StageOrder)));
        foreach (ParallelGroupDefinition group in document.ParallelGroups)
        {
            if (group.After is { } after)
            {
                references.Add(new StageReference(after, StageReferenceKind.GroupTrigger));
            }

            references.AddRange(group.Stages.Select(member => new StageReference(member, StageReferenceKind.GroupMember)));
            if (group.Before is { } before)
            {
                references.Add(new StageReference(before, StageReferenceKind.GroupGate));
            }
        }

        foreach (ReviewMappingDefinition mapping in document.ReviewMappings)
        {
            references.Add(new StageReference(mapping.WorkStage, StageReferenceKind.ReviewedWork));
            references.Add(new StageReference(mapping.ReviewStage, StageReferenceKind.ReviewStage));
        }

        // An alias (*name) reads as the anchored node itself, so one written place can come more than once: keep it once.
        return references
            .GroupBy(reference => reference.Key.Span.Start)
            .Select(group => group.First())
            .OrderBy(reference => reference.Key.Span.Start)
            .ToList();
    }

    /// <summary>The stage key written at <paramref name="offset"/> (its first character up to just past its last), if any.</summary>
    public static StageReference? At(WorkflowDocument document, int offset)
    {
        foreach (StageReference reference in Of(document))
        {
            if (offset >= reference.Key.Span.Start && offset <= reference.Key.Span.End)
            {
                return reference;
            }
        }

        return null;
    }

    /// <summary>The edits that rename stage <paramref name="key"/> to <paramref name="newKey"/> everywhere it is written.</summary>
    public static IReadOnlyList<TextReplacement> Rename(string text, WorkflowDocument document, string key, string newKey)
    {
        var edit = new FixText(text);
        return Of(document)
            .Where(reference => reference.Key.Value == key && reference.Key.Span.End <= text.Length)
            .Select(reference => edit.Replace(reference.Key.Span, newKey))
            .ToList();
    }
}
