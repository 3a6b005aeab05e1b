using System;
using System.IO;
using System.IO.Compression;
using System.Linq;

namespace TeamBot.Package.Tests;

/// <summary>
/// The real consumer test: a fresh console project references the packed package by version, drops a stages.yaml
/// beside its .csproj, builds and runs. Nothing here shares the repo's build settings.
/// </summary>
public sealed class ConsumerProjectTests(PackedPackageFixture package) : IClassFixture<PackedPackageFixture>
{
    [Fact]
    public void The_package_holds_the_runtime_the_compiler_components_and_the_props()
    {
        using ZipArchive zip = ZipFile.OpenRead(package.PackagePath);
        string[] entries = zip.Entries.Select(entry => entry.FullName).ToArray();

        Assert.Contains("lib/net10.0/TeamBot.dll", entries);
        Assert.Contains("analyzers/dotnet/cs/TeamBot.Generators.dll", entries);
        Assert.Contains("analyzers/dotnet/cs/TeamBot.Analyzers.dll", entries);
        Assert.Contains("analyzers/dotnet/cs/TeamBot.Workflow.Model.dll", entries);
        Assert.Contains("analyzers/dotnet/cs/YamlDotNet.dll", entries);
        Assert.Contains("buildTransitive/TeamBot.props", entries);
        Assert.DoesNotContain(entries, entry => entry.StartsWith("lib/", StringComparison.Ordinal) && entry.Contains("YamlDotNet", StringComparison.Ordinal));
        Assert.DoesNotContain(entries, entry => entry.Contains("Microsoft.CodeAnalysis", StringComparison.Ordinal));
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
}
