using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using TeamBot.Generators.Tests.Infrastructure;

namespace TeamBot.Generators.Tests;

/// <summary>The generator must do no work when nothing it reads has changed, and redo it when the workflow file changes.</summary>
public sealed class IncrementalCachingTests
{
    private static readonly string[] TrackedSteps =
        [TrackingNames.WorkflowFiles, TrackingNames.AdditionalFilePaths, TrackingNames.PromptTemplateSettings, TrackingNames.VersionsFiles, TrackingNames.WorkflowSpecs, TrackingNames.PromptTemplatePaths, TrackingNames.PromptTemplates, TrackingNames.AllWorkflows, TrackingNames.WorkflowStubs];

    /// <summary>A workflow with a prompt template, so that every step has work to cache.</summary>
    private const string TemplatedWorkflow = "stages:\n  EXTRA:\n    work_agent: pm\n    prompt_template: prompts/extra.prompt.md\n  DONE: {}\nstage_order: [EXTRA, DONE]\n";

    [Fact]
    public void Editing_an_unrelated_CSharp_file_reuses_every_step()
    {
        var workflow = new InMemoryAdditionalText("/project/stages.yaml", TemplatedWorkflow);
        var template = new InMemoryAdditionalText("/project/prompts/extra.prompt.md", "# Extra\nDo the extra work.");
        var versions = new InMemoryAdditionalText("/project/stages.versions.json", "{ \"versions\": [] }");
        CSharpCompilation compilation = GeneratorHarness.CreateCompilation();
        GeneratorDriver driver = GeneratorHarness.CreateDriver([workflow, template, versions]).RunGenerators(compilation);
        GeneratorRunResult first = driver.GetRunResult().Results.Single();
        Assert.All(TrackedSteps, step => Assert.True(first.TrackedSteps.ContainsKey(step), $"{step} is not a tracked step; tracked: {string.Join(", ", first.TrackedSteps.Keys)}"));

        SyntaxTree edited = CSharpSyntaxTree.ParseText("namespace Tests { internal static class Program { private static void Main() { System.Console.WriteLine(); } } }", (CSharpParseOptions)compilation.SyntaxTrees[0].Options, "Program.cs");
        driver = driver.RunGenerators(compilation.ReplaceSyntaxTree(compilation.SyntaxTrees[0], edited));

        // A step the driver did not even visit did no work; one it visited must have reused its result.
        GeneratorRunResult result = driver.GetRunResult().Results.Single();
        foreach (string step in TrackedSteps.Where(result.TrackedSteps.ContainsKey))
        {
            Assert.All(
                result.TrackedSteps[step].SelectMany(run => run.Outputs),
                output => Assert.True(output.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"{step} ran again: {output.Reason}"));
        }

        Assert.All(result.TrackedOutputSteps.SelectMany(pair => pair.Value).SelectMany(run => run.Outputs), output => Assert.Equal(IncrementalStepRunReason.Cached, output.Reason));
    }

    [Fact]
    public void Editing_the_workflow_file_reruns_the_steps_that_read_it()
    {
        string yaml = GoldenOutputTests.ReadInput("linear");
        var original = new InMemoryAdditionalText("/project/stages.yaml", yaml);
        CSharpCompilation compilation = GeneratorHarness.CreateCompilation();
        GeneratorDriver driver = GeneratorHarness.CreateDriver([original]).RunGenerators(compilation);

        var edited = new InMemoryAdditionalText("/project/stages.yaml", yaml.Replace("name: Edit", "name: Copy edit", System.StringComparison.Ordinal));
        driver = driver.ReplaceAdditionalText(original, edited).RunGenerators(compilation);

        GeneratorRunResult result = driver.GetRunResult().Results.Single();
        Assert.Equal(IncrementalStepRunReason.Modified, Reason(result, TrackingNames.WorkflowFiles));
        Assert.Equal(IncrementalStepRunReason.Modified, Reason(result, TrackingNames.WorkflowSpecs));
        Assert.Equal(IncrementalStepRunReason.Modified, Reason(result, TrackingNames.AllWorkflows));
        Assert.Contains("Copy edit", Assert.Single(result.GeneratedSources).SourceText.ToString(), System.StringComparison.Ordinal);
    }

    [Fact]
    public void Editing_only_a_comment_in_the_workflow_file_regenerates_nothing()
    {
        string yaml = GoldenOutputTests.ReadInput("linear");
        var original = new InMemoryAdditionalText("/project/stages.yaml", yaml);
        CSharpCompilation compilation = GeneratorHarness.CreateCompilation();
        GeneratorDriver driver = GeneratorHarness.CreateDriver([original]).RunGenerators(compilation);

        var edited = new InMemoryAdditionalText("/project/stages.yaml", "# a comment moves every span\n" + yaml);
        driver = driver.ReplaceAdditionalText(original, edited).RunGenerators(compilation);

        GeneratorRunResult result = driver.GetRunResult().Results.Single();
        Assert.Equal(IncrementalStepRunReason.Modified, Reason(result, TrackingNames.WorkflowFiles));
        Assert.Equal(IncrementalStepRunReason.Unchanged, Reason(result, TrackingNames.WorkflowSpecs));
        Assert.Equal(IncrementalStepRunReason.Cached, Reason(result, TrackingNames.AllWorkflows));
        Assert.Equal(IncrementalStepRunReason.Cached, Reason(result, TrackingNames.WorkflowStubs));
    }

    [Fact]
    public void Editing_an_unrelated_CSharp_file_reuses_the_stub_of_a_broken_workflow()
    {
        var workflow = new InMemoryAdditionalText("/project/stages.yaml", StubOutputTests.BrokenRepoWorkflow());
        CSharpCompilation compilation = GeneratorHarness.CreateCompilation();
        GeneratorDriver driver = GeneratorHarness.CreateDriver([workflow]).RunGenerators(compilation);

        SyntaxTree edited = CSharpSyntaxTree.ParseText("namespace Tests { internal static class Program { private static void Main() { System.Console.WriteLine(); } } }", (CSharpParseOptions)compilation.SyntaxTrees[0].Options, "Program.cs");
        driver = driver.RunGenerators(compilation.ReplaceSyntaxTree(compilation.SyntaxTrees[0], edited));

        GeneratorRunResult result = driver.GetRunResult().Results.Single();
        Assert.Equal(IncrementalStepRunReason.Cached, Reason(result, TrackingNames.WorkflowSpecs));
        Assert.Equal(IncrementalStepRunReason.Cached, Reason(result, TrackingNames.WorkflowStubs));
        Assert.All(result.TrackedOutputSteps.SelectMany(pair => pair.Value).SelectMany(run => run.Outputs), output => Assert.Equal(IncrementalStepRunReason.Cached, output.Reason));
        Assert.Equal("Tests.Workflow.Stub.g.cs", Assert.Single(result.GeneratedSources).HintName);
    }

    [Fact]
    public void Fixing_a_broken_workflow_replaces_its_stub_with_the_workflow()
    {
        string fixedYaml = GoldenOutputTests.ReadInput("repo");
        var broken = new InMemoryAdditionalText("/project/stages.yaml", StubOutputTests.BrokenRepoWorkflow());
        CSharpCompilation compilation = GeneratorHarness.CreateCompilation();
        GeneratorDriver driver = GeneratorHarness.CreateDriver([broken]).RunGenerators(compilation);
        Assert.Equal("Tests.Workflow.Stub.g.cs", Assert.Single(driver.GetRunResult().GeneratedTrees).FilePath.Split('/', '\\').Last());

        driver = driver.ReplaceAdditionalText(broken, new InMemoryAdditionalText("/project/stages.yaml", fixedYaml)).RunGenerators(compilation);

        GeneratorRunResult result = driver.GetRunResult().Results.Single();
        Assert.Equal(IncrementalStepRunReason.Modified, Reason(result, TrackingNames.WorkflowSpecs));
        Assert.Equal(IncrementalStepRunReason.Modified, Reason(result, TrackingNames.WorkflowStubs));
        Assert.Equal(IncrementalStepRunReason.Modified, Reason(result, TrackingNames.AllWorkflows));
        Assert.Equal("Tests.Workflow.g.cs", Assert.Single(result.GeneratedSources).HintName);
    }

    private static IncrementalStepRunReason Reason(GeneratorRunResult result, string step) =>
        result.TrackedSteps[step].SelectMany(run => run.Outputs).Select(output => output.Reason).Distinct().Single();
}
