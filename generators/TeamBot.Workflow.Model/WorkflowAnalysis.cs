using System;
using System.Linq;
using TeamBot.Workflow.Diagnostics;
using TeamBot.Workflow.Model;
using TeamBot.Workflow.Parsing;
using TeamBot.Workflow.Validation;

namespace TeamBot.Workflow;

/// <summary>The parse and validation of one workflow file: what the generator builds from and the analyzer reports.</summary>
/// <param name="Document">The parsed workflow, or <see langword="null"/> when the YAML could not be read.</param>
/// <param name="Problems">Every problem found, parse problems first.</param>
public sealed record WorkflowAnalysis(WorkflowDocument? Document, EquatableArray<WorkflowProblem> Problems)
{
    /// <summary>
    /// Parses and validates <paramref name="text"/>. Never throws: an unexpected failure becomes one
    /// <see cref="RuleIds.Unreadable"/> problem, so that neither the generator nor the analyzer can crash the compiler.
    /// </summary>
    public static WorkflowAnalysis Analyze(string text, Func<string, bool>? promptTemplateExists = null)
    {
        try
        {
            (WorkflowDocument? document, EquatableArray<WorkflowProblem> parseProblems) = WorkflowParser.Parse(text);
            if (document is null)
            {
                return new WorkflowAnalysis(null, parseProblems);
            }

            EquatableArray<WorkflowProblem> ruleProblems = WorkflowValidator.Validate(document, promptTemplateExists);
            return new WorkflowAnalysis(document, parseProblems.Concat(ruleProblems).ToEquatableArray());
        }
#pragma warning disable CA1031 // A compiler extension must turn every failure into a diagnostic.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            var problem = new WorkflowProblem(RuleIds.Unreadable, SourceSpan.FileStart, new[] { $"{ex.GetType().Name}: {ex.Message}" }.ToEquatableArray());
            return new WorkflowAnalysis(null, new[] { problem }.ToEquatableArray());
        }
    }
}
