using System;
using TeamBot.Workflow.Diagnostics;
using TeamBot.Workflow.Model;

namespace TeamBot.Workflow.Validation;

/// <summary>
/// Rules for the paths the executor writes (artifacts) and the compiler reads (prompt templates): they must stay
/// inside the project, since a workflow file must never make a run touch files elsewhere.
/// </summary>
internal static class PathRules
{
    public static void Check(WorkflowIndex index, ProblemSink sink, Func<string, bool>? promptTemplateExists)
    {
        foreach (StageDefinition stage in index.Document.Stages)
        {
            foreach (Located<string> artifact in stage.Artifacts)
            {
                CheckRelative(artifact, $"Artifact of stage '{stage.Key.Value}'", sink);
            }

            if (stage.PromptTemplate is { } template && CheckRelative(template, $"prompt_template of stage '{stage.Key.Value}'", sink)
                && promptTemplateExists is not null && !promptTemplateExists(template.Value))
            {
                sink.Report(RuleIds.PromptTemplateNotFound, template.Span, template.Value, stage.Key.Value);
            }
        }
    }

    /// <summary>Tells whether <paramref name="path"/> is relative and stays below its base folder.</summary>
    public static bool IsSafeRelativePath(string path)
    {
        if (path.Trim().Length == 0 || path[0] is '/' or '\\' || path.IndexOf(':') >= 0 || path.IndexOf('\0') >= 0)
        {
            return false;
        }

        foreach (string segment in path.Split('/', '\\'))
        {
            if (segment == "..")
            {
                return false;
            }
        }

        return true;
    }

    private static bool CheckRelative(Located<string> path, string what, ProblemSink sink)
    {
        if (IsSafeRelativePath(path.Value))
        {
            return true;
        }

        sink.Report(RuleIds.UnsafePath, path.Span, what, path.Value);
        return false;
    }
}
