using System.Collections.Generic;
using TeamBot.Workflow.Diagnostics;
using TeamBot.Workflow.Model;

namespace TeamBot.Workflow.Validation;

/// <summary>Collects the problems the rules find.</summary>
internal sealed class ProblemSink
{
    public List<WorkflowProblem> Problems { get; } = [];

    public void Report(string id, SourceSpan span, params string[] arguments) =>
        Problems.Add(new WorkflowProblem(id, span, arguments.ToEquatableArray()));
}
