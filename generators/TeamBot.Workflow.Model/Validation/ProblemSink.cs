using System.Collections.Generic;
using TeamBot.Workflow.Diagnostics;
using TeamBot.Workflow.Model;
using TeamBot.Workflow.Naming;

namespace TeamBot.Workflow.Validation;

/// <summary>Collects the problems the rules find.</summary>
internal sealed class ProblemSink
{
    public List<WorkflowProblem> Problems { get; } = [];

    public void Report(string id, SourceSpan span, params string[] arguments) =>
        Problems.Add(new WorkflowProblem(id, span, arguments.ToEquatableArray()));

    public void Report(ProblemFix? fix, string id, SourceSpan span, params string[] arguments) =>
        Problems.Add(new WorkflowProblem(id, span, arguments.ToEquatableArray()) { Fix = fix });

    /// <summary>Reports a problem at <paramref name="severity"/> instead of its rule's (<c>budget.policy: strict</c>); <see langword="null"/>: the rule's.</summary>
    public void Report(RuleSeverity? severity, string id, SourceSpan span, params string[] arguments) =>
        Problems.Add(new WorkflowProblem(id, span, arguments.ToEquatableArray()) { Severity = severity });

    /// <summary>TB0102 for <paramref name="reference"/>, with the near stage key as its fix when there is one.</summary>
    public void ReportUnknownStage(Located<string> reference, string context, IEnumerable<string> stageKeys)
    {
        string? match = NameSuggestions.Closest(reference.Value, stageKeys);
        string tail = match is null ? NameSuggestions.ForStage(reference.Value, []) : $" Did you mean '{match}'?";
        Report(Replace(match), RuleIds.UnknownStage, reference.Span, context, reference.Value, tail);
    }

    /// <summary>A did-you-mean fix, or none.</summary>
    public static ProblemFix? Replace(string? match) => match is null ? null : new ProblemFix(FixKind.Replace, match);
}
