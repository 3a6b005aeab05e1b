using System;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using TeamBot.Workflow.Model;

namespace TeamBot.Workflow.Diagnostics;

/// <summary>
/// Turns the model's problems into Roslyn diagnostics located in the workflow file; shared, so that the analyzer and the
/// generator locate a problem the same way.
/// </summary>
public static class WorkflowDiagnostics
{
    /// <summary>Creates the diagnostic for <paramref name="problem"/> in the file at <paramref name="path"/>.</summary>
    public static Diagnostic Create(WorkflowProblem problem, string path, SourceText text) => Create(problem, path, text.Length);

    /// <summary>Creates the diagnostic for <paramref name="problem"/> in a file of <paramref name="textLength"/> characters.</summary>
    /// <remarks>Every argument is escaped here, the one place both the analyzer and the generator format them.</remarks>
    public static Diagnostic Create(WorkflowProblem problem, string path, int textLength)
    {
        DiagnosticDescriptor descriptor = RuleDescriptors.Get(problem.Id);
        Location location = ToLocation(problem.Span, path, textLength);
        object[] arguments = WorkflowRules.EscapedArguments(problem);

        // A problem with a severity of its own (a budget under policy: strict) keeps its rule's descriptor, so that
        // .editorconfig and the help page still apply, and is reported at that severity.
        return problem.Severity is { } severity
            ? Diagnostic.Create(descriptor, location, RuleDescriptors.ToSeverity(severity), additionalLocations: null, properties: null, arguments)
            : Diagnostic.Create(descriptor, location, arguments);
    }

    /// <summary>A location inside the file, clamped to its length so that a stale span can never make Roslyn throw.</summary>
    public static Location ToLocation(SourceSpan span, string path, int textLength)
    {
        int start = Math.Min(Math.Max(0, span.Start), textLength);
        int end = Math.Min(Math.Max(start, span.End), textLength);
        var textSpan = TextSpan.FromBounds(start, end);
        var lineSpan = new LinePositionSpan(new LinePosition(span.StartLine, span.StartColumn), new LinePosition(span.EndLine, span.EndColumn));
        return Location.Create(path, textSpan, lineSpan);
    }
}
