using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using TeamBot.Generators.Tests.Infrastructure;

namespace TeamBot.Generators.Tests;

/// <summary>
/// The compatibility gate as the generator runs it: stranding edits fail the build at their YAML line, a broken versions
/// file fails it at its own line, and an unchanged workflow and versions file enumerate nothing again.
/// </summary>
public sealed class VersionGateTests
{
    private static readonly string Migrated = File.ReadAllText(RepoPaths.Golden("migrated", "stages.yaml"));
    private static readonly string Versions = File.ReadAllText(RepoPaths.Golden("migrated", "stages.versions.json"));

    [Fact]
    public void A_rename_without_its_migration_fails_the_build_at_the_stage_key_and_the_workflow_is_still_generated()
    {
        string edited = Migrated.Replace("  renamed:\n    START: KICKOFF\n    KICKOFF: SETUP\n", "", System.StringComparison.Ordinal);
        GeneratorRun run = GeneratorHarness.Run(("/project/stages.yaml", edited), ("/project/stages.versions.json", Versions));

        // Both shipped versions lose their first stage: one error each, the newest first, both on the line of SETUP.
        Assert.Equal(2, run.Diagnostics.Length);
        Assert.Contains("Stage 'START' of shipped version 3f78dbe08514 is gone", run.Diagnostics[1].GetMessage(System.Globalization.CultureInfo.InvariantCulture), System.StringComparison.Ordinal);
        Diagnostic diagnostic = run.Diagnostics[0];
        Assert.Equal("TB0601", diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        Assert.Equal("/project/stages.yaml", diagnostic.Location.GetLineSpan().Path);
        int line = edited.Split('\n').ToList().FindIndex(text => text == "  SETUP:");
        Assert.Equal(line, diagnostic.Location.GetLineSpan().StartLinePosition.Line);
        Assert.Equal(2, diagnostic.Location.GetLineSpan().StartLinePosition.Character);
        Assert.Contains("Stage 'KICKOFF' of shipped version 43b8e97b796b is gone", diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture), System.StringComparison.Ordinal);
        Assert.Single(run.Workflows);
    }

    [Fact]
    public void A_broken_versions_file_is_reported_in_that_file()
    {
        string broken = Versions.Replace("\"FRONTEND\"", "\"FRONT\"", System.StringComparison.Ordinal);
        GeneratorRun run = GeneratorHarness.Run(("/project/stages.yaml", Migrated), ("/project/stages.versions.json", broken));

        Assert.NotEmpty(run.Diagnostics);
        Assert.All(run.Diagnostics, diagnostic =>
        {
            Assert.Equal("TB0607", diagnostic.Id);
            Assert.Equal("/project/stages.versions.json", diagnostic.Location.GetLineSpan().Path);
        });
    }

    [Fact]
    public void Only_the_versions_file_beside_a_workflow_counts()
    {
        string renamed = Migrated.Replace("  renamed:\n    START: KICKOFF\n    KICKOFF: SETUP\n", "", System.StringComparison.Ordinal);
        GeneratorRun run = GeneratorHarness.Run(("/project/stages.yaml", renamed), ("/project/other/stages.versions.json", Versions));
        Assert.Empty(run.Diagnostics);
    }

    [Fact]
    public void Editing_CSharp_re_enumerates_nothing_and_editing_the_versions_file_re_runs_the_gate()
    {
        var workflow = new InMemoryAdditionalText("/project/stages.yaml", Migrated);
        var versions = new InMemoryAdditionalText("/project/stages.versions.json", Versions);
        CSharpCompilation compilation = GeneratorHarness.CreateCompilation();
        GeneratorDriver driver = GeneratorHarness.CreateDriver([workflow, versions]).RunGenerators(compilation);

        SyntaxTree edited = CSharpSyntaxTree.ParseText("namespace Tests { internal static class Program { private static void Main() { System.Console.WriteLine(); } } }", (CSharpParseOptions)compilation.SyntaxTrees[0].Options, "Program.cs");
        driver = driver.RunGenerators(compilation.ReplaceSyntaxTree(compilation.SyntaxTrees[0], edited));
        GeneratorRunResult result = driver.GetRunResult().Results.Single();
        Assert.Equal(IncrementalStepRunReason.Cached, Reason(result, TrackingNames.VersionsFiles));
        Assert.Equal(IncrementalStepRunReason.Cached, Reason(result, TrackingNames.WorkflowSpecs));

        // Shipping the current shape adds a version: the gate runs again, and its output changes with no new migration.
        var shipped = new InMemoryAdditionalText("/project/stages.versions.json", Workflow.Versioning.ShippedVersionsFile.Write(
            Workflow.Versioning.ShippedVersionsFile.Parse(Versions).Versions.Select(version => version.Shape),
            Workflow.Versioning.WorkflowShape.From(Workflow.WorkflowAnalysis.Analyze(Migrated).Document!)));
        driver = driver.ReplaceAdditionalText(versions, shipped).RunGenerators(compilation);
        result = driver.GetRunResult().Results.Single();
        Assert.Equal(IncrementalStepRunReason.Modified, Reason(result, TrackingNames.VersionsFiles));
        Assert.Equal(IncrementalStepRunReason.Unchanged, Reason(result, TrackingNames.WorkflowSpecs));
    }

    [Fact]
    public void Editing_the_workflow_checks_it_again_without_reading_the_versions_file_again()
    {
        var workflow = new InMemoryAdditionalText("/project/stages.yaml", Migrated);
        var versions = new InMemoryAdditionalText("/project/stages.versions.json", Versions);
        CSharpCompilation compilation = GeneratorHarness.CreateCompilation();
        GeneratorDriver driver = GeneratorHarness.CreateDriver([workflow, versions]).RunGenerators(compilation);

        var edited = new InMemoryAdditionalText("/project/stages.yaml", Migrated.Replace("work_agent: writer", "work_agent: builder-3", System.StringComparison.Ordinal));
        GeneratorRunResult result = driver.ReplaceAdditionalText(workflow, edited).RunGenerators(compilation).GetRunResult().Results.Single();
        Assert.Equal(IncrementalStepRunReason.Cached, Reason(result, TrackingNames.VersionsFiles));
        Assert.Equal(IncrementalStepRunReason.Modified, Reason(result, TrackingNames.WorkflowSpecs));
    }

    private static IncrementalStepRunReason Reason(GeneratorRunResult result, string step) =>
        result.TrackedSteps[step].SelectMany(run => run.Outputs).Select(output => output.Reason).Single();
}
