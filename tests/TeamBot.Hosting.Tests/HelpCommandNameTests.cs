using System;
using System.CommandLine;
using System.Diagnostics;
using System.IO;
using System.Threading.Tasks;

namespace TeamBot.Hosting.Tests;

/// <summary>
/// Help spells the command as the messages that suggest commands do: <c>teambot</c>, not the executable it runs in
/// (<c>TeamBot.Cli</c>, or the test host here), and <c>dotnet run --project … --</c> when started from a project's build.
/// </summary>
public sealed class HelpCommandNameTests
{
    [Theory]
    [InlineData(new[] { "--help" }, "  teambot [command] [options]")]
    [InlineData(new[] { "run", "--help" }, "  teambot run <objective> [options]")]
    [InlineData(new[] { "status", "-h" }, "  teambot status [<feature>] [options]")]
    public async Task Help_usage_names_the_command_teambot(string[] args, string usage)
    {
        using var cli = new CliHarness();

        (int exit, string help, _) = await cli.RunAsync(args);

        Assert.Equal(0, exit);
        Assert.Contains(usage, help.Replace("\r", "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.DoesNotContain($"  {RootCommand.ExecutableName} ", help, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_tools_help_names_the_command_teambot_not_its_assembly()
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(BuiltTool.Dll);
        start.ArgumentList.Add("--help");

        string output = await RunAsync(start);

        Assert.Contains("  teambot [command] [options]", output, StringComparison.Ordinal);
        Assert.DoesNotContain("TeamBot.Cli", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Started_from_its_project_s_build_as_dotnet_run_does_help_spells_the_dotnet_run_command_the_hints_use()
    {
        string apphost = Path.Combine(BuiltTool.Folder, OperatingSystem.IsWindows() ? "TeamBot.Cli.exe" : "TeamBot.Cli");
        var start = new ProcessStartInfo(apphost) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = TeamBot.Tests.Support.TestSupport.RepoRoot };
        start.ArgumentList.Add("run");
        start.ArgumentList.Add("--help");

        string output = await RunAsync(start);

        string project = Path.Combine("src", "TeamBot.Cli");
        Assert.Contains($"  dotnet run --project {project} -- run <objective> [options]", output, StringComparison.Ordinal);
        Assert.DoesNotContain("  TeamBot.Cli", output, StringComparison.Ordinal);
    }

    private static async Task<string> RunAsync(ProcessStartInfo start)
    {
        using Process process = Process.Start(start)!;
        Task<string> error = process.StandardError.ReadToEndAsync();
        string output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(1));

        Assert.True(process.ExitCode == 0, output + await error);
        return output;
    }
}
