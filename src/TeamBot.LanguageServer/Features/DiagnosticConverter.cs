using TeamBot.LanguageServer.Protocol;
using TeamBot.Workflow.Diagnostics;

namespace TeamBot.LanguageServer.Features;

/// <summary>A workflow problem as an LSP diagnostic: the build's ID, message, help link and place.</summary>
internal static class DiagnosticConverter
{
    public const string Source = "teambot";

    public static LspDiagnostic Convert(WorkflowProblem problem, LineMap lines)
    {
        WorkflowRule rule = WorkflowRules.Get(problem.Id);
        return new LspDiagnostic(
            lines.ToRange(problem.Span.Start, problem.Span.End),
            WorkflowRules.SeverityOf(problem) == RuleSeverity.Error ? 1 : 2,
            rule.Id,
            new CodeDescription(rule.HelpLink),
            Source,
            WorkflowRules.Message(problem));
    }
}
