using System;
using System.IO;
using System.IO.Compression;
using System.Linq;
using TeamBot.Tests.Support;

namespace TeamBot.Package.Tests;

/// <summary>
/// The real consumer test: a fresh console project references the packed package by version, drops a stages.yaml
/// beside its .csproj, builds and runs. Nothing here shares the repo's build settings.
/// </summary>
[Collection(PackedPackagesGroup.Name)]
public sealed class ConsumerProjectTests(PackedPackageFixture package)
{
    [Fact]
    public void The_package_holds_the_runtime_the_compiler_components_and_the_props()
    {
        using ZipArchive zip = ZipFile.OpenRead(package.PackagePath);
        string[] entries = zip.Entries.Select(entry => entry.FullName).ToArray();

        Assert.Contains("lib/net10.0/TeamBot.dll", entries);
        Assert.Contains("analyzers/dotnet/cs/TeamBot.Generators.dll", entries);
        Assert.Contains("analyzers/dotnet/cs/TeamBot.Analyzers.dll", entries);
        Assert.Contains("analyzers/dotnet/cs/TeamBot.CodeFixes.dll", entries);
        Assert.Contains("analyzers/dotnet/cs/TeamBot.Workflow.Model.dll", entries);
        Assert.Contains("analyzers/dotnet/cs/YamlDotNet.dll", entries);
        Assert.Contains("buildTransitive/TeamBot.props", entries);
        Assert.Contains("buildTransitive/TeamBot.targets", entries);
        Assert.DoesNotContain(entries, entry => entry.StartsWith("lib/", StringComparison.Ordinal) && entry.Contains("YamlDotNet", StringComparison.Ordinal));
        Assert.DoesNotContain(entries, entry => entry.Contains("Microsoft.CodeAnalysis", StringComparison.Ordinal));
    }

    [Fact]
    public void A_team_s_own_test_project_runs_the_crash_matrix_on_its_workflow_from_the_packed_kit()
    {
        string dir = Path.Combine(package.Root, "kit-consumer");
        Directory.CreateDirectory(dir);
        string templates = Path.Combine(AppContext.BaseDirectory, "KitConsumer");
        File.WriteAllText(Path.Combine(dir, "Release.Tests.csproj"), File.ReadAllText(Path.Combine(templates, "KitConsumer.csproj.template")).Replace("$(TeamBotVersion)", PackedPackageFixture.Version, StringComparison.Ordinal));
        File.WriteAllText(Path.Combine(dir, "nuget.config"), File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Consumer", "nuget.config.template")).Replace("$(Feed)", package.Feed, StringComparison.Ordinal));
        File.Copy(Path.Combine(templates, "release.stages.yaml"), Path.Combine(dir, "stages.yaml"));
        File.Copy(Path.Combine(templates, "ReleaseCrashTests.cs"), Path.Combine(dir, "ReleaseCrashTests.cs"));

        (int exitCode, string output) = DotNetCli.Run(dir, package.Environment, "test", "-nodeReuse:false", "--logger", "console;verbosity=detailed");

        Assert.True(exitCode == 0, output);
        Assert.Contains("Passed Release.Tests.ReleaseCrashTests.Every_crash_resumes_as_if_it_never_happened", output, StringComparison.Ordinal);
        Assert.Matches(@"Checked \d+ crash points over \d+ writes .*every resumed run was equivalent", output);
    }

    [Fact]
    public void A_fresh_project_with_stages_yaml_builds_and_runs_the_generated_workflow()
    {
        string yaml = File.ReadAllText(Path.Combine(PackedPackageFixture.RepoRoot, "stages.yaml"));
        string dir = package.CreateConsumer("valid", yaml);

        (int buildExit, string buildOutput) = DotNetCli.Run(dir, package.Environment, "build", "-nodeReuse:false");

        Assert.True(buildExit == 0, buildOutput);
        Assert.DoesNotContain("CS8785", buildOutput, StringComparison.Ordinal);
        Assert.DoesNotContain("CS9057", buildOutput, StringComparison.Ordinal);
        Assert.DoesNotContain("AD0001", buildOutput, StringComparison.Ordinal);
        Assert.Contains("0 Warning(s)", buildOutput, StringComparison.Ordinal);

        (int runExit, string runOutput) = DotNetCli.Run(dir, package.Environment, "run", "--no-build");

        Assert.True(runExit == 0, runOutput);
        string[] lines = runOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Contains("order: SETUP,BUSINESS_PROBLEM,SPEC,SPEC_REVIEW,RESEARCH,TEST_STRATEGY,PLAN,PLAN_REVIEW,IMPLEMENTATION,IMPLEMENTATION_REVIEW,TEST,ACCEPTANCE_TEST,POST_REVIEW,COMPLETE", lines);
        Assert.Contains("enum: Setup,BusinessProblem,Spec,SpecReview,Research,TestStrategy,Plan,PlanReview,Implementation,ImplementationReview,Test,AcceptanceTest,PostReview,Complete", lines);
        Assert.Contains("group: post_spec_review after=SPEC_REVIEW members=RESEARCH,TEST_STRATEGY before=PLAN max=2", lines);
        Assert.Contains("next(SpecReview): RESEARCH,TEST_STRATEGY", lines);
        Assert.Contains("review(Plan): PLAN_REVIEW", lines);
    }

    [Fact]
    public void A_broken_stages_yaml_fails_dotnet_build_with_errors_located_in_the_yaml()
    {
        string yaml = File.ReadAllText(Path.Combine(PackedPackageFixture.RepoRoot, "stages.yaml"))
            .Replace("stages: [RESEARCH, TEST_STRATEGY]", "stages: [RESEARCH, TEST_STRATEGYY]", StringComparison.Ordinal)
            .Replace("max_concurrency: 2", "max_concurrency: 0", StringComparison.Ordinal);
        string dir = package.CreateConsumer("broken", yaml);
        (int line, int column) = TestSupport.Position(yaml, yaml.IndexOf("TEST_STRATEGYY", StringComparison.Ordinal));

        (int exitCode, string output) = DotNetCli.Run(dir, package.Environment, "build", "-nodeReuse:false");

        Assert.NotEqual(0, exitCode);
        Assert.Contains($"stages.yaml({line},{column}): error TB0102: Parallel group 'post_spec_review' names unknown stage 'TEST_STRATEGYY'. Did you mean 'TEST_STRATEGY'?", output, StringComparison.Ordinal);
        Assert.Matches(@"stages\.yaml\(\d+,\d+\): error TB0209: max_concurrency is 0", output);
        Assert.DoesNotContain("AD0001", output, StringComparison.Ordinal);
        Assert.DoesNotContain("CS8785", output, StringComparison.Ordinal);

        // No silent cascade: Program.cs gets CS0619 carrying the YAML's first error, nothing that says "missing".
        string[] programErrors = output.Split('\n').Where(l => l.Contains("Program.cs(", StringComparison.Ordinal) && l.Contains(": error ", StringComparison.Ordinal)).ToArray();
        Assert.NotEmpty(programErrors);
        Assert.All(programErrors, error => Assert.Contains($"error CS0619: 'Workflow' is obsolete: 'stages.yaml({line},{column}): error TB0102: Parallel group 'post_spec_review' names unknown stage 'TEST_STRATEGYY'.", error.Replace("'Stage' is obsolete", "'Workflow' is obsolete", StringComparison.Ordinal), StringComparison.Ordinal));
        Assert.DoesNotContain("CS0246", output, StringComparison.Ordinal);
        Assert.DoesNotContain("CS0103", output, StringComparison.Ordinal);
        Assert.DoesNotContain("CS0117", output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_warning_only_stages_yaml_still_builds_and_a_globalconfig_can_make_it_an_error()
    {
        string yaml = File.ReadAllText(Path.Combine(PackedPackageFixture.RepoRoot, "stages.yaml"))
            .Replace("    timeout: \"00:15:00\"", "    timeout: \"00:15:00\"\n    colour: blue", StringComparison.Ordinal);
        string dir = package.CreateConsumer("warning", yaml);

        (int exitCode, string output) = DotNetCli.Run(dir, package.Environment, "build", "-nodeReuse:false", "-p:TreatWarningsAsErrors=false");

        Assert.True(exitCode == 0, output);
        Assert.Contains("warning TB0008: Unknown field 'colour' in stage 'SETUP' is ignored", output, StringComparison.Ordinal);

        File.WriteAllText(Path.Combine(dir, ".globalconfig"), "is_global = true\ndotnet_diagnostic.TB0008.severity = error\n");
        (int strictExit, string strictOutput) = DotNetCli.Run(dir, package.Environment, "build", "-nodeReuse:false", "-p:TreatWarningsAsErrors=false");

        Assert.NotEqual(0, strictExit);
        Assert.Contains("error TB0008: Unknown field 'colour'", strictOutput, StringComparison.Ordinal);
    }
}
