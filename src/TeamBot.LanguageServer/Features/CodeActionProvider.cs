using System.Collections.Generic;
using System.Linq;
using TeamBot.LanguageServer.Protocol;
using TeamBot.Workflow.Diagnostics;
using TeamBot.Workflow.Fixes;

namespace TeamBot.LanguageServer.Features;

/// <summary>Quick fixes for the problems in a range: the same fixes the Roslyn code fix offers, from the same model.</summary>
internal static class CodeActionProvider
{
    public static CodeAction[] Actions(OpenDocument document, LspRange range)
    {
        int start = document.Lines.ToOffset(range.Start);
        int end = document.Lines.ToOffset(range.End);
        var actions = new List<CodeAction>();
        foreach (WorkflowProblem problem in document.Analysis.Problems)
        {
            if (problem.Fix is null || problem.Span.End < start || problem.Span.Start > end)
            {
                continue;
            }

            if (WorkflowFixes.For(document.Text, document.Analysis.Document, problem) is not { } fix)
            {
                continue;
            }

            var edit = new WorkspaceEdit(new Dictionary<string, TextEdit[]>
            {
                [document.Uri] = fix.Edits.Select(replacement => NavigationProvider.ToTextEdit(document, replacement)).ToArray(),
            });
            actions.Add(new CodeAction(fix.Title, "quickfix", [DiagnosticConverter.Convert(problem, document.Lines)], problem.Fix.Kind == FixKind.Replace, edit));
        }

        // Recording the version as shipped is offered on a valid file the gate accepts, until it is recorded.
        if (document.Gate is { Readable: true, Shipped: false, Problems.Count: 0 } gate)
        {
            string file = System.IO.Path.GetFileName(gate.VersionsPath);
            actions.Add(new CodeAction($"Record version {gate.Version} as shipped in {file}", "source", null, false, null, new LspCommand($"Record as shipped in {file}", VersionGate.ShipCommand, [document.Uri])));
        }

        return actions.ToArray();
    }
}
