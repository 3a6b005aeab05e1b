using System;
using System.Collections.Generic;
using System.Linq;
using TeamBot.Workflow.Diagnostics;
using TeamBot.Workflow.Model;

namespace TeamBot.Workflow.Fixes;

/// <summary>
/// Turns a problem's <see cref="ProblemFix"/> into edits of the file's text: the one implementation behind the language
/// server's code actions and the Roslyn code fixes, so both offer the same fix. Edits keep the file's own layout:
/// block or flow lists, indentation, quoting and line endings.
/// </summary>
public static class WorkflowFixes
{
    /// <summary>
    /// Gets the IDs of the rules whose problems may carry a <see cref="ProblemFix"/>: what an editor registers its fixes for.
    /// A test checks this against the problems the parser and the validator report with a fix.
    /// </summary>
    public static IReadOnlyList<string> FixableRuleIds { get; } = new[]
    {
        RuleIds.MisspeltField,
        RuleIds.UnknownSection,
        RuleIds.StageNotInOrder,
        RuleIds.UnknownStage,
        RuleIds.StageListedTwice,
        RuleIds.MissingWorkAgent,
        RuleIds.MissingReviewAgent,
        RuleIds.GroupMissingField,
        RuleIds.UnknownTool,
    };

    /// <summary>The fix for <paramref name="problem"/> in <paramref name="text"/>, or <see langword="null"/> when it has none here.</summary>
    /// <param name="text">The workflow file's text the problem was found in.</param>
    /// <param name="document">The parsed workflow; needed to place a stage in stage_order.</param>
    /// <param name="problem">The problem.</param>
    public static WorkflowFix? For(string text, WorkflowDocument? document, WorkflowProblem problem)
    {
        if (problem.Fix is not { } fix || problem.Span.End > text.Length || problem.Span.Start < 0)
        {
            return null;
        }

        var edit = new FixText(text);
        TextReplacement? replacement = fix.Kind switch
        {
            FixKind.Replace => edit.Replace(problem.Span, fix.Value),
            FixKind.AddToStageOrder when document is not null => AddToStageOrder(edit, document, fix.Value),
            FixKind.AddField when fix.Field is { } field => edit.AddFirstField(problem.Span, field, fix.Value),
            FixKind.RemoveListItem => edit.RemoveListItem(problem.Span),
            _ => null,
        };

        return replacement is { } change ? new WorkflowFix(Title(fix), new[] { change }.ToEquatableArray()) : null;
    }

    /// <summary>Applies <paramref name="fix"/> to <paramref name="text"/>.</summary>
    public static string Apply(string text, WorkflowFix fix)
    {
        string result = text;
        foreach (TextReplacement edit in fix.Edits.OrderByDescending(edit => edit.Start))
        {
            result = result.Substring(0, edit.Start) + edit.NewText + result.Substring(edit.Start + edit.Length);
        }

        return result;
    }

    private static string Title(ProblemFix fix) => fix.Kind switch
    {
        FixKind.Replace => $"Change to '{MessageText.Escape(fix.Value)}'",
        FixKind.AddToStageOrder => $"Add '{MessageText.Escape(fix.Value)}' to stage_order",
        FixKind.AddField => $"Add '{MessageText.Escape(fix.Field ?? "")}: {MessageText.Escape(fix.Value)}'",
        _ => $"Remove the duplicate '{MessageText.Escape(fix.Value)}'",
    };

    /// <summary>After the entry of the nearest stage declared before it that stage_order lists, else before the first entry.</summary>
    private static TextReplacement? AddToStageOrder(FixText edit, WorkflowDocument document, string key)
    {
        if (document.StageOrder.Count == 0)
        {
            return null;
        }

        int declared = document.Stages.ToList().FindIndex(stage => stage.Key.Value == key);
        for (int i = declared - 1; i >= 0; i--)
        {
            string previous = document.Stages[i].Key.Value;
            foreach (Located<string> entry in document.StageOrder)
            {
                if (entry.Value == previous)
                {
                    return edit.InsertListItem(entry.Span, key, after: true);
                }
            }
        }

        return edit.InsertListItem(document.StageOrder[0].Span, key, after: false);
    }
}
