using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading.Tasks;

namespace TeamBot.Hosting.Tests;

/// <summary><c>teambot workflow ship</c>, run as the built tool: it records versions, refuses what it must, and never half-writes the file.</summary>
public sealed class WorkflowShipCommandTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "teambot-ship-" + Guid.NewGuid().ToString("N"));
    private readonly string _yaml = File.ReadAllText(Path.Combine(TeamBot.Tests.Support.TestSupport.RepoRoot, "stages.yaml"));

    public WorkflowShipCommandTests() => Directory.CreateDirectory(_directory);

    private string Versions => Path.Combine(_directory, "stages.versions.json");

    [Fact]
    public async Task Shipping_records_the_version_once_and_a_later_compatible_version_after_it()
    {
        File.WriteAllText(Path.Combine(_directory, "stages.yaml"), _yaml);
        (int exit, string output) = await ShipAsync();
        Assert.True(exit == 0, output);
        Assert.Contains("Recorded version 2ae069b94e4f of stages.yaml as shipped in stages.versions.json (1 version); commit it.", output, StringComparison.Ordinal);
        string first = File.ReadAllText(Versions);

        (exit, output) = await ShipAsync();
        Assert.True(exit == 0, output);
        Assert.Contains("already recorded as shipped", output, StringComparison.Ordinal);
        Assert.Equal(first, File.ReadAllText(Versions));

        File.WriteAllText(Path.Combine(_directory, "stages.yaml"), _yaml.Replace("  - SETUP\n", "  - KICKOFF\n", StringComparison.Ordinal).Replace("  SETUP:\n", "  KICKOFF:\n", StringComparison.Ordinal) + "migrations:\n  renamed:\n    SETUP: KICKOFF\n");
        (exit, output) = await ShipAsync();
        Assert.True(exit == 0, output);
        Assert.Contains("(2 versions)", output, StringComparison.Ordinal);
        Assert.StartsWith(first[..first.LastIndexOf("    }", StringComparison.Ordinal)], File.ReadAllText(Versions), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_version_that_strands_shipped_runs_is_refused_with_located_errors_and_the_file_is_left_alone()
    {
        File.WriteAllText(Path.Combine(_directory, "stages.yaml"), _yaml);
        Assert.Equal(0, (await ShipAsync()).ExitCode);
        byte[] shipped = File.ReadAllBytes(Versions);

        string renamed = _yaml.Replace("  - SETUP\n", "  - KICKOFF\n", StringComparison.Ordinal).Replace("  SETUP:\n", "  KICKOFF:\n", StringComparison.Ordinal);
        File.WriteAllText(Path.Combine(_directory, "stages.yaml"), renamed);
        (int exit, string output) = await ShipAsync();

        Assert.Equal(1, exit);
        (int line, int column) = TeamBot.Tests.Support.TestSupport.Position(renamed, renamed.IndexOf("KICKOFF:", StringComparison.Ordinal));
        Assert.Contains($"stages.yaml({line},{column}): error TB0601: Stage 'SETUP' of shipped version 2ae069b94e4f is gone", output, StringComparison.Ordinal);
        Assert.Equal(shipped, File.ReadAllBytes(Versions));
        Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_broken_versions_file_a_broken_workflow_and_a_missing_file_are_one_line_errors()
    {
        File.WriteAllText(Path.Combine(_directory, "stages.yaml"), _yaml);
        File.WriteAllText(Versions, "{ \"versions\": [ { \"version\": \"abc\",, } ] }");
        (int exit, string output) = await ShipAsync();
        Assert.Equal(1, exit);
        Assert.Contains("stages.versions.json(1,", output, StringComparison.Ordinal);
        Assert.Contains("error TB0606", output, StringComparison.Ordinal);
        Assert.Equal("{ \"versions\": [ { \"version\": \"abc\",, } ] }", File.ReadAllText(Versions));

        File.Delete(Versions);
        File.WriteAllText(Path.Combine(_directory, "stages.yaml"), _yaml.Replace("  - SETUP\n", "  - SETUPP\n", StringComparison.Ordinal));
        (exit, output) = await ShipAsync();
        Assert.Equal(1, exit);
        Assert.Contains("error TB0102", output, StringComparison.Ordinal);
        Assert.Contains("A workflow with errors cannot be shipped", output, StringComparison.Ordinal);
        Assert.False(File.Exists(Versions));

        (exit, output) = await ShipAsync("--file", "missing.stages.yaml");
        Assert.Equal(1, exit);
        Assert.Contains("does not exist", output, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private async Task<(int ExitCode, string Output)> ShipAsync(params string[] arguments)
    {
        string tool = BuiltTool.Dll;
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = _directory, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string argument in new[] { tool, "workflow", "ship" }.Concat(arguments))
        {
            start.ArgumentList.Add(argument);
        }

        using Process process = Process.Start(start)!;
        Task<string> output = process.StandardOutput.ReadToEndAsync();
        string error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(1));
        return (process.ExitCode, await output + error);
    }
}
