using System;
using System.CommandLine;
using System.Diagnostics;
using System.IO;
using System.Threading.Tasks;

namespace TeamBot.Hosting.Tests;

/// <summary>Help calls the command <c>teambot</c>, not the executable it runs in (<c>TeamBot.Cli</c>, or the test host here).</summary>
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
        string tool = Path.Combine(AppContext.BaseDirectory.Replace($"{Path.DirectorySeparatorChar}tests{Path.DirectorySeparatorChar}TeamBot.Hosting.Tests{Path.DirectorySeparatorChar}", $"{Path.DirectorySeparatorChar}src{Path.DirectorySeparatorChar}TeamBot.Cli{Path.DirectorySeparatorChar}", StringComparison.Ordinal), "TeamBot.Cli.dll");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(tool);
        start.ArgumentList.Add("--help");

        using Process process = Process.Start(start)!;
        Task<string> error = process.StandardError.ReadToEndAsync();
        string output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(1));

        Assert.True(process.ExitCode == 0, output + await error);
        Assert.Contains("  teambot [command] [options]", output, StringComparison.Ordinal);
        Assert.DoesNotContain("TeamBot.Cli", output, StringComparison.Ordinal);
    }
}
