using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using TeamBot.Tests.Support;

namespace TeamBot.Package.Tests;

/// <summary>
/// A repository laid out as the Python TeamBot lays it out: prompt templates in the hidden folder
/// <c>.agent/commands/sdd/</c>, named by <c>prompt_template</c> in stages.yaml, and <c>prompt_template: null</c> with a
/// comment where a stage has none. MSBuild's default globs skip hidden folders; the package must not.
/// </summary>
[Collection(PackedPackagesGroup.Name)]
public sealed class PythonRepoLayoutTests(PackedPackageFixture package)
{
    /// <summary>The stages of the repo's stages.yaml and the Python TeamBot's SDD prompt each one uses.</summary>
    private static readonly Dictionary<string, string> SddPrompts = new()
    {
        ["SETUP"] = "sdd.0-initialize",
        ["SPEC"] = "sdd.1-create-feature-spec",
        ["SPEC_REVIEW"] = "sdd.2-review-spec",
        ["RESEARCH"] = "sdd.3-research-feature",
        ["TEST_STRATEGY"] = "sdd.4-determine-test-strategy",
        ["PLAN"] = "sdd.5-task-planner-for-feature",
        ["PLAN_REVIEW"] = "sdd.6-review-plan",
        ["IMPLEMENTATION"] = "sdd.7-task-implementer-for-feature",
        ["POST_REVIEW"] = "sdd.8-post-implementation-review",
    };

    [Fact]
    public void Templates_under_agent_build_as_they_are_and_a_template_outside_the_globs_names_the_item_to_add()
    {
        string yaml = PythonStyleWorkflow();
        string dir = package.CreateConsumer("python-layout", yaml);
        foreach (string prompt in SddPrompts.Values)
        {
            WriteFile(dir, $".agent/commands/sdd/{prompt}.prompt.md", $"# {prompt}\nFollow the {prompt} steps.\n");
        }

        (int exitCode, string output) = DotNetCli.Run(dir, package.Environment, "build", "-nodeReuse:false", "-p:EmitCompilerGeneratedFiles=true");

        Assert.True(exitCode == 0, output);
        Assert.DoesNotContain("TB0", output, StringComparison.Ordinal);
        Assert.DoesNotContain("AD0001", output, StringComparison.Ordinal);
        Assert.DoesNotContain("CS8785", output, StringComparison.Ordinal);
        Assert.Contains("0 Warning(s)", output, StringComparison.Ordinal);
        string generated = string.Concat(Directory.EnumerateFiles(Path.Combine(dir, "obj"), "*.g.cs", SearchOption.AllDirectories).Select(File.ReadAllText));
        Assert.All(SddPrompts.Values, prompt => Assert.Contains($"PromptTemplate = \"# {prompt}\\nFollow the {prompt} steps.\\n\",", generated, StringComparison.Ordinal));

        // prompts/notes.md exists but matches no glob the package adds (not *.prompt.md), so the compiler never sees it.
        string broken = yaml.Replace(".agent/commands/sdd/sdd.5-task-planner-for-feature.prompt.md", "prompts/notes.md", StringComparison.Ordinal);
        File.WriteAllText(Path.Combine(dir, "stages.yaml"), broken);
        WriteFile(dir, "prompts/notes.md", "# Plan\n");
        (int line, int column) = TestSupport.Position(broken, broken.IndexOf("prompts/notes.md", StringComparison.Ordinal));

        (int brokenExit, string brokenOutput) = DotNetCli.Run(dir, package.Environment, "build", "-nodeReuse:false");

        Assert.NotEqual(0, brokenExit);
        Assert.Contains(
            $"stages.yaml({line},{column}): error TB0501: Prompt template 'prompts/notes.md' of stage 'PLAN' exists but is not an AdditionalFiles item, so the compiler cannot embed it; add <AdditionalFiles Include=\"prompts/notes.md\" /> to the project",
            brokenOutput,
            StringComparison.Ordinal);
        Assert.DoesNotContain("was not found", brokenOutput, StringComparison.Ordinal);
        Assert.DoesNotContain("AD0001", brokenOutput, StringComparison.Ordinal);
        Assert.DoesNotContain("CS8785", brokenOutput, StringComparison.Ordinal);
    }

    /// <summary>The repo's stages.yaml with each stage's prompt_template written as the Python TeamBot writes it.</summary>
    private static string PythonStyleWorkflow()
    {
        string yaml = File.ReadAllText(Path.Combine(PackedPackageFixture.RepoRoot, "stages.yaml"));
        foreach (string stage in new[] { "SETUP", "BUSINESS_PROBLEM", "SPEC", "SPEC_REVIEW", "RESEARCH", "TEST_STRATEGY", "PLAN", "PLAN_REVIEW", "IMPLEMENTATION", "IMPLEMENTATION_REVIEW", "TEST", "ACCEPTANCE_TEST", "POST_REVIEW", "COMPLETE" })
        {
            string template = SddPrompts.TryGetValue(stage, out string? prompt)
                ? $".agent/commands/sdd/{prompt}.prompt.md"
                : "null  # No SDD prompt for this stage";
            string key = $"\n  {stage}:\n";
            Assert.Equal(1, CountOf(yaml, key));
            yaml = yaml.Replace(key, $"{key}    prompt_template: {template}\n", StringComparison.Ordinal);
        }

        return yaml;
    }

    private static int CountOf(string text, string part) => (text.Length - text.Replace(part, "", StringComparison.Ordinal).Length) / part.Length;

    private static void WriteFile(string dir, string relativePath, string text)
    {
        string path = Path.Combine(dir, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }
}
