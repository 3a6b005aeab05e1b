using System;
using System.Globalization;
using System.Security;
using TeamBot.Workflow.Diagnostics;
using TeamBot.Workflow.Model;

namespace TeamBot.Workflow.Validation;

/// <summary>
/// Rules for the paths the executor writes (artifacts) and the compiler reads (prompt templates): they must stay
/// inside the project, since a workflow file must never make a run touch files elsewhere.
/// </summary>
internal static class PathRules
{
    /// <summary>TB0501's ending for a template that is nowhere to be seen.</summary>
    public const string TemplateNotFound = "was not found; create it or fix the path (relative to the workflow file)";

    /// <summary>TB0501's ending for a template on disk that the compiler is not given; {0} is the item's Include, escaped for XML.</summary>
    public const string TemplateNotAdditionalFile = "exists but is not an AdditionalFiles item, so the compiler cannot embed it; add <AdditionalFiles Include=\"{0}\" /> to the project";

    public static void Check(WorkflowIndex index, ProblemSink sink, Func<string, PromptTemplateLookup>? findPromptTemplate)
    {
        foreach (StageDefinition stage in index.Document.Stages)
        {
            foreach (Located<string> artifact in stage.Artifacts)
            {
                CheckRelative(artifact, $"Artifact of stage '{stage.Key.Value}'", sink);
            }

            if (stage.PromptTemplate is { } template && CheckRelative(template, $"prompt_template of stage '{stage.Key.Value}'", sink)
                && findPromptTemplate?.Invoke(template.Value) is { IsAdditionalFile: false } lookup)
            {
                string reason = lookup.Include is { } include
                    ? string.Format(CultureInfo.InvariantCulture, TemplateNotAdditionalFile, SecurityElement.Escape(include))
                    : TemplateNotFound;
                sink.Report(RuleIds.PromptTemplateNotFound, template.Span, template.Value, stage.Key.Value, reason);
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
