using System;
using TeamBot.Workflow.Diagnostics;
using TeamBot.Workflow.Model;

namespace TeamBot.Workflow.Validation;

/// <summary>Checks what a parsed workflow means: stage references, ordering, groups, review mapping and paths.</summary>
public static class WorkflowValidator
{
    /// <summary>Checks <paramref name="document"/> against every rule.</summary>
    /// <param name="document">The parsed workflow.</param>
    /// <param name="findPromptTemplate">
    /// Looks up a prompt template path (relative to the workflow file) among the files available to the compiler;
    /// <see langword="null"/> skips that check.
    /// </param>
    /// <returns>Every problem found, in file order within each rule.</returns>
    public static EquatableArray<WorkflowProblem> Validate(WorkflowDocument document, Func<string, PromptTemplateLookup>? findPromptTemplate = null)
    {
        var index = new WorkflowIndex(document);
        var sink = new ProblemSink();
        StageRules.Check(index, sink);
        ParallelGroupRules.Check(index, sink);
        ReviewMappingRules.Check(index, sink);
        PathRules.Check(index, sink, findPromptTemplate);
        ArtifactFolderRules.Check(index, sink);
        PermissionRules.Check(index, sink);
        MigrationRules.Check(index, sink);
        BudgetRules.Check(index, sink);
        return sink.Problems.ToEquatableArray();
    }
}
