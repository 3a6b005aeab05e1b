using System;
using System.Globalization;
using System.IO;
using System.Text;

namespace TeamBot.Benchmarks;

/// <summary>The workflow files the compiler benchmarks read.</summary>
internal static class BenchInputs
{
    public static string RepoRoot { get; } = FindRepoRoot();

    /// <summary>The repo's stages.yaml, or a linear workflow of <paramref name="workflow"/> stages with a 50-member group.</summary>
    public static string Yaml(string workflow) => workflow == "repo"
        ? File.ReadAllText(Path.Combine(RepoRoot, "stages.yaml"))
        : TeamBot.Tests.Support.LargeWorkflow.Create(int.Parse(workflow, CultureInfo.InvariantCulture), 50);

    /// <summary>The same file with <paramref name="count"/> unknown stages added to stage_order: that many TB0102 errors.</summary>
    public static string WithErrors(string yaml, int count)
    {
        var extra = new StringBuilder();
        for (int i = 0; i < count; i++)
        {
            extra.Append(CultureInfo.InvariantCulture, $"  - MISSING_{i:D2}\n");
        }

        int at = yaml.IndexOf("stage_order:\n", StringComparison.Ordinal) + "stage_order:\n".Length;
        return yaml.Insert(at, extra.ToString());
    }

    private static string FindRepoRoot()
    {
        for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "TeamBot.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("TeamBot.sln not found above " + AppContext.BaseDirectory);
    }
}
