using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using TeamBot.Generators.Tests.Infrastructure;

namespace TeamBot.Generators.Tests;

/// <summary>Pins the generated source of small workflows and of the repo's own stages.yaml with golden files.</summary>
public sealed class GoldenOutputTests
{
    public static TheoryData<string> Cases => new() { "linear", "one-group", "keywords", "hostile", "repo", "migrated", "budget" };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Generated_source_matches_the_golden_file(string name)
    {
        GeneratorRun run = GeneratorHarness.Run(Inputs(name));

        Assert.Null(run.Generator.Exception);
        GeneratedSourceResult source = Assert.Single(run.Sources);
        Assert.Equal("Tests.Workflow.g.cs", source.HintName);
        GoldenFile.AssertMatches(RepoPaths.Golden(name, "Workflow.g.cs"), source.SourceText.ToString());
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Generated_source_compiles_without_warnings_under_nullable_and_warnings_as_errors(string name)
    {
        GeneratorRun run = GeneratorHarness.Run(Inputs(name));

        Assert.Single(run.Sources);
        Assert.Empty(run.Diagnostics);
        Assert.Empty(run.CompileDiagnostics.Select(diagnostic => diagnostic.ToString()));
    }

    /// <summary>The case's workflow and, when it has one, its shipped versions file beside it.</summary>
    private static (string Path, string Text)[] Inputs(string name)
    {
        string versions = name == "repo" ? Path.Combine(RepoPaths.Root, "stages.versions.json") : RepoPaths.Golden(name, "stages.versions.json");
        return File.Exists(versions)
            ? [("/project/stages.yaml", ReadInput(name)), ("/project/stages.versions.json", File.ReadAllText(versions))]
            : [("/project/stages.yaml", ReadInput(name))];
    }

    internal static string ReadInput(string name) =>
        File.ReadAllText(name == "repo" ? Path.Combine(RepoPaths.Root, "stages.yaml") : RepoPaths.Golden(name, "stages.yaml"));
}
