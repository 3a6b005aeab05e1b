using System.Linq;
using TeamBot.Workflow;
using TeamBot.Workflow.Diagnostics;
using TeamBot.Workflow.Model;
using TeamBot.Workflow.Versioning;

namespace TeamBot.Analyzers.Tests.Versioning;

/// <summary>Ships workflow texts as versions and checks a later text against them, as the build does.</summary>
internal static class Gate
{
    public static WorkflowDocument Document(string yaml)
    {
        WorkflowAnalysis analysis = WorkflowAnalysis.Analyze(yaml);
        Assert.False(analysis.HasErrors(), string.Join("\n", analysis.Problems.Select(WorkflowRules.Message)));
        return analysis.Document!;
    }

    public static WorkflowShape Shape(string yaml) => WorkflowShape.From(Document(yaml));

    /// <summary>The versions file recording each of <paramref name="shipped"/>, oldest first.</summary>
    public static string VersionsFile(params string[] shipped) =>
        shipped.Aggregate("", (file, yaml) => ShippedVersionsFile.Write(Read(file), Shape(yaml)));

    public static CompatibilityResult Check(string current, params string[] shipped)
    {
        (EquatableArray<ShippedVersion> versions, EquatableArray<WorkflowProblem> problems) = ShippedVersionsFile.Parse(VersionsFile(shipped));
        Assert.Empty(problems);
        return WorkflowCompatibility.Check(Document(current), versions);
    }

    /// <summary>The single problem of <paramref name="result"/>, which must have the given rule.</summary>
    public static WorkflowProblem Single(CompatibilityResult result, string id)
    {
        WorkflowProblem problem = Assert.Single(result.Problems);
        Assert.Equal(id, problem.Id);
        return problem;
    }

    /// <summary>Asserts the problem starts at the 1-based line and column of <paramref name="text"/>, where <paramref name="at"/> occurs once.</summary>
    public static void At(WorkflowProblem problem, string text, string at, int occurrence = 1)
    {
        int index = -1;
        for (int i = 0; i < occurrence; i++)
        {
            index = text.IndexOf(at, index + 1, System.StringComparison.Ordinal);
        }

        Assert.True(index >= 0, $"'{at}' is not in the text");
        Assert.Equal(index, problem.Span.Start);
        Assert.Equal(at.Length, problem.Span.Length);
    }

    private static System.Collections.Generic.IEnumerable<WorkflowShape> Read(string file) =>
        file.Length == 0 ? [] : ShippedVersionsFile.Parse(file).Versions.Select(version => version.Shape);
}
