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
/// <remarks>
/// Neither step throws: an unexpected failure becomes one <see cref="RuleIds.Unreadable"/> problem, so that neither the
/// generator nor the analyzer can crash the compiler (CS8785, AD0001).
/// </remarks>
public sealed record WorkflowAnalysis(WorkflowDocument? Document, EquatableArray<WorkflowProblem> Problems)
{
    /// <summary>Parses and validates <paramref name="text"/>.</summary>
    /// <param name="text">The workflow file's text.</param>
    /// <param name="findPromptTemplate">Looks up a prompt template path; <see langword="null"/> skips that check.</param>
    public static WorkflowAnalysis Analyze(string text, Func<string, PromptTemplateLookup>? findPromptTemplate = null) =>
        Parse(text).Validate(findPromptTemplate);

    /// <summary>Parses <paramref name="text"/> without checking the rules; cache this, it is the costly step.</summary>
    public static WorkflowAnalysis Parse(string text) =>
        Guard(() =>
        {
            (WorkflowDocument? document, EquatableArray<WorkflowProblem> problems) = WorkflowParser.Parse(text);
            return new WorkflowAnalysis(document, problems);
        });

    /// <summary>Adds the rule checks to a parse.</summary>
    public WorkflowAnalysis Validate(Func<string, PromptTemplateLookup>? findPromptTemplate = null)
    {
        if (Document is not { } document)
        {
            return this;
        }

        return Guard(() => this with { Problems = Problems.Concat(WorkflowValidator.Validate(document, findPromptTemplate)).ToEquatableArray() });
    }

    /// <summary>Tells whether any problem is an error (<see cref="WorkflowRules.IsError(WorkflowProblem)"/>), honouring a problem's own severity.</summary>
    public bool HasErrors() => Problems.Any(WorkflowRules.IsError);

    private static WorkflowAnalysis Guard(Func<WorkflowAnalysis> step)
    {
        try
        {
            return step();
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
