using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using TeamBot.Tests.Support;

namespace TeamBot.Package.Tests;

/// <summary>
/// Workflow versions end to end, as a team meets them: a project on the packed packages ships its workflow, saves a
/// run, renames a stage, is stopped by the build, declares the rename, and resumes the saved run to completion under
/// the new build, with <c>teambot runs check</c> (the project's own command line) telling which runs can resume.
/// </summary>
[Collection(PackedPackagesGroup.Name)]
public sealed class VersionedConsumerTests(PackedPackageFixture package)
{
    private const string ShippedVersion = "2ae069b94e4f";

    [Fact]
    public void A_rename_fails_the_build_until_it_is_declared_and_then_the_saved_run_resumes_to_completion()
    {
        string yaml = File.ReadAllText(Path.Combine(PackedPackageFixture.RepoRoot, "stages.yaml"));
        string dir = package.CreateConsumer("versioned", yaml);
        File.WriteAllText(Path.Combine(dir, "Consumer.csproj"), File.ReadAllText(Path.Combine(dir, "Consumer.csproj")).Replace(
            "<PackageReference Include=\"TeamBot\" Version=\"" + PackedPackageFixture.Version + "\" />",
            "<PackageReference Include=\"TeamBot\" Version=\"" + PackedPackageFixture.Version + "\" />\n    <PackageReference Include=\"TeamBot.Hosting\" Version=\"" + PackedPackageFixture.Version + "\" />",
            StringComparison.Ordinal));
        File.WriteAllText(Path.Combine(dir, "Program.cs"), "return await TeamBot.Hosting.TeamBotCli.Create(Consumer.Workflow.Definition).Parse(args).InvokeAsync();\n");
        Directory.CreateDirectory(Path.Combine(dir, "objectives"));
        File.Copy(Path.Combine(PackedPackageFixture.RepoRoot, "examples", "objectives", "add-export.md"), Path.Combine(dir, "objectives", "add-export.md"));

        // Release 1: shipped, built, and a run stopped part-way by its time budget (exit 5), SETUP behind it.
        (int shipExit, string shipOutput) = Teambot(dir, "workflow", "ship");
        Assert.True(shipExit == 0, shipOutput);
        Assert.Contains($"\"version\": \"{ShippedVersion}\"", File.ReadAllText(Path.Combine(dir, "stages.versions.json")), StringComparison.Ordinal);
        Build(dir, expectSuccess: true);
        (int runExit, string runOutput) = DotNetCli.Run(dir, package.Environment, "run", "--no-build", "--", "run", "objectives/add-export.md", "--pace", "fast", "--time-budget", "00:00:03", "--plain");
        Assert.True(runExit == 5, runOutput);
        string statePath = Path.Combine(dir, ".teambot", "csv-export", "orchestration_state.json");
        Assert.Contains("SETUP", State(statePath).GetProperty("completed_stages").EnumerateArray().Select(stage => stage.GetString()));
        Assert.Equal(ShippedVersion, State(statePath).GetProperty("workflow_version").GetString());
        (int checkExit, string checkOutput) = RunsCheck(dir);
        Assert.True(checkExit == 0, checkOutput);

        // Release 2 renames SETUP: without a migration the build stops at the new key, where the rename was made.
        string renamed = yaml.Replace("  SETUP:\n", "  KICKOFF:\n", StringComparison.Ordinal).Replace("  - SETUP\n", "  - KICKOFF\n", StringComparison.Ordinal);
        File.WriteAllText(Path.Combine(dir, "stages.yaml"), renamed);
        (int line, int column) = TestSupport.Position(renamed, renamed.IndexOf("KICKOFF:", StringComparison.Ordinal));
        string refused = Build(dir, expectSuccess: false);
        Assert.Contains($"stages.yaml({line},{column}): error TB0601: Stage 'SETUP' of shipped version {ShippedVersion} is gone, so a run saved at 'SETUP' cannot resume; declare where it went under 'migrations': 'renamed: {{ SETUP: KICKOFF }}'", refused, StringComparison.Ordinal);

        // A build that silences the gate would strand the saved run: runs check says so before a deploy.
        File.WriteAllText(Path.Combine(dir, ".globalconfig"), "is_global = true\ndotnet_diagnostic.TB0601.severity = none\n");
        Build(dir, expectSuccess: true);
        (int strandedExit, string strandedOutput) = RunsCheck(dir);
        Assert.True(strandedExit == 8, strandedOutput);
        Assert.Contains("FAIL", strandedOutput, StringComparison.Ordinal);
        Assert.Contains("'SETUP'", strandedOutput, StringComparison.Ordinal);
        File.Delete(Path.Combine(dir, ".globalconfig"));

        // With the rename declared the build passes, runs check passes, and the run resumes under the new names.
        File.WriteAllText(Path.Combine(dir, "stages.yaml"), renamed + "\nmigrations:\n  renamed:\n    SETUP: KICKOFF\n");
        Build(dir, expectSuccess: true);
        (int migratedExit, string migratedOutput) = RunsCheck(dir);
        Assert.True(migratedExit == 0, migratedOutput);
        Assert.Contains($"migrates from {ShippedVersion}", migratedOutput, StringComparison.Ordinal);
        (int resumeExit, string resumeOutput) = DotNetCli.Run(dir, package.Environment, "run", "--no-build", "--", "resume", "csv-export", "--time-budget", "01:00:00", "--plain");
        Assert.True(resumeExit == 0, resumeOutput);

        JsonElement state = State(statePath);
        Assert.Equal("complete", state.GetProperty("status").GetString());
        Assert.NotEqual(ShippedVersion, state.GetProperty("workflow_version").GetString());
        Assert.Contains("KICKOFF", state.GetProperty("completed_stages").EnumerateArray().Select(stage => stage.GetString()));
        JsonElement migration = Assert.Single(state.GetProperty("migrations").EnumerateArray());
        Assert.Equal(ShippedVersion, migration.GetProperty("from_version").GetString());
        Assert.Equal("KICKOFF", migration.GetProperty("renamed").GetProperty("SETUP").GetString());
    }

    private string Build(string dir, bool expectSuccess)
    {
        (int exitCode, string output) = DotNetCli.Run(dir, package.Environment, "build", "-nodeReuse:false");
        Assert.True((exitCode == 0) == expectSuccess, output);
        Assert.DoesNotContain("CS8785", output, StringComparison.Ordinal);
        Assert.DoesNotContain("AD0001", output, StringComparison.Ordinal);
        return output;
    }

    private (int ExitCode, string Output) RunsCheck(string dir) => DotNetCli.Run(dir, package.Environment, "run", "--no-build", "--", "runs", "check");

    /// <summary>Runs the teambot tool built beside these tests: it records the shipped versions file.</summary>
    private (int ExitCode, string Output) Teambot(string dir, params string[] arguments)
    {
        string tool = Path.Combine(AppContext.BaseDirectory.Replace($"{Path.DirectorySeparatorChar}tests{Path.DirectorySeparatorChar}TeamBot.Package.Tests{Path.DirectorySeparatorChar}", $"{Path.DirectorySeparatorChar}src{Path.DirectorySeparatorChar}TeamBot.Cli{Path.DirectorySeparatorChar}", StringComparison.Ordinal), "TeamBot.Cli.dll");
        Assert.True(File.Exists(tool), tool);
        return DotNetCli.Run(dir, package.Environment, [tool, .. arguments]);
    }

    private static JsonElement State(string path) => JsonDocument.Parse(File.ReadAllText(path)).RootElement.Clone();
}
