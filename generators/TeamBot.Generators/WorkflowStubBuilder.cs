using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using TeamBot.Generators.Model;
using TeamBot.Workflow.Diagnostics;
using TeamBot.Workflow.Model;
using TeamBot.Workflow.Naming;

namespace TeamBot.Generators;

/// <summary>
/// Builds the stand-in types of a workflow that has errors (<see cref="WorkflowStubSpec"/>): the usual names, the
/// stage keys that can be trusted, and the message that C# code using the types will be shown.
/// </summary>
internal static class WorkflowStubBuilder
{
    /// <summary>The stub of a workflow file with errors, from whatever of it was parsed.</summary>
    /// <param name="input">The workflow file.</param>
    /// <param name="document">The parsed workflow, or <see langword="null"/> when the YAML could not be read.</param>
    /// <param name="problems">The file's problems; at least one is an error.</param>
    public static WorkflowStubSpec FromProblems(WorkflowFileInput input, WorkflowDocument? document, IEnumerable<WorkflowProblem> problems)
    {
        string fileName = FileName(input.Path);
        WorkflowProblem[] errors = problems.Where(WorkflowRules.IsError).ToArray();
        string message = errors.Length == 0
            ? $"{MessageText.Escape(fileName)} has errors (fix it to use these types)"
            : Message(fileName, errors.OrderBy(error => error.Span.StartLine).ThenBy(error => error.Span.StartColumn).First(), errors.Length, fileName);
        return new WorkflowStubSpec(input.Path, fileName, input.Namespace, input.ClassName, input.EnumName, TrustedStages(document), message);
    }

    /// <summary>The stub of a valid workflow that still cannot be generated, such as one whose prompt template is refused.</summary>
    public static WorkflowStubSpec FromSpec(WorkflowSpec spec, string message) =>
        new(spec.Path, spec.SourceFileName, spec.Namespace, spec.ClassName, spec.EnumName, spec.Stages.Select(stage => new StubStageSpec(stage.Key, stage.Identifier)).ToEquatableArray(), message);

    /// <summary>
    /// The first error as a build prints it, <c>stages.yaml(86,31): error TB0102: …</c>, and how many there are. Every
    /// argument from the file is escaped as in the diagnostic itself; the emitter escapes the whole for a C# literal.
    /// </summary>
    /// <param name="fileName">The file the error is in.</param>
    /// <param name="error">The error.</param>
    /// <param name="errorCount">How many errors stop the workflow.</param>
    /// <param name="fix">The file to fix, named in the message's tail.</param>
    public static string Message(string fileName, WorkflowProblem error, int errorCount, string fix)
    {
        string location = string.Format(CultureInfo.InvariantCulture, "{0}({1},{2})", MessageText.Escape(fileName), error.Span.StartLine + 1, error.Span.StartColumn + 1);
        string tail = errorCount > 1
            ? string.Format(CultureInfo.InvariantCulture, "the workflow has {0} errors; fix {1} to use these types", errorCount, MessageText.Escape(fix))
            : $"fix {MessageText.Escape(fix)} to use these types";
        return $"{location}: error {MessageText.Escape(error.Id)}: {WorkflowRules.Message(error)} ({tail})";
    }

    /// <summary>The file name of <paramref name="path"/>; unlike <see cref="Path.GetFileName(string)"/> on .NET Framework, it never throws.</summary>
    public static string FileName(string path) => path.Substring(path.LastIndexOfAny(['/', '\\']) + 1);

    /// <summary>
    /// The declared stages whose keys give an identifier: a key with none (TB0110) is left out, and of keys that give
    /// the same identifier (TB0107) only the first is kept, so that the enum compiles.
    /// </summary>
    private static EquatableArray<StubStageSpec> TrustedStages(WorkflowDocument? document)
    {
        if (document is null)
        {
            return default;
        }

        var identifiers = new HashSet<string>(StringComparer.Ordinal);
        var stages = new List<StubStageSpec>();
        foreach (StageDefinition stage in document.Stages)
        {
            string identifier = IdentifierNames.ToPascalCase(stage.Key.Value);
            if (identifier.Length > 0 && identifiers.Add(identifier))
            {
                stages.Add(new StubStageSpec(stage.Key.Value, identifier));
            }
        }

        return stages.ToEquatableArray();
    }
}
