using System;
using System.Collections.Generic;
using System.CommandLine;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Spectre.Console.Testing;

namespace TeamBot.Hosting.Tests;

/// <summary>A finished run on the live view: shown once, by its summary; an already complete run, in one line.</summary>
public sealed class CompletedRunViewTests
{
    [Fact]
    public async Task A_completed_run_on_the_live_view_leaves_one_table_its_summary()
    {
        using var cli = new CliHarness();
        var console = new TestConsole().Width(160).Interactive().EmitAnsiSequences();

        (int exit, string error) = await RunLiveAsync(cli, console, ["run", "objectives/add-export.md", "--pace", "0"]);

        Assert.True(exit == ExitCodes.Complete, error + console.Output);
        IReadOnlyList<string> screen = TerminalScreen.Replay(console.Output);
        string shown = string.Join('\n', screen);
        Assert.Equal(1, screen.Count(line => line.Contains("│ Stage ", StringComparison.Ordinal)));
        Assert.Equal(1, screen.Count(line => line.Contains("│ POST_REVIEW ", StringComparison.Ordinal)));
        Assert.Contains("Run completed", shown, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Resuming_a_complete_run_prints_one_line_and_no_tables()
    {
        using var cli = new CliHarness();
        Assert.Equal(ExitCodes.Complete, (await RunLiveAsync(cli, new TestConsole(), ["run", "objectives/add-export.md", "--pace", "0"])).ExitCode);
        var console = new TestConsole().Width(160).Interactive().EmitAnsiSequences();

        (int exit, string error) = await RunLiveAsync(cli, console, ["resume", "csv-export"]);

        Assert.True(exit == ExitCodes.Complete, error + console.Output);
        IReadOnlyList<string> screen = TerminalScreen.Replay(console.Output);
        Assert.DoesNotContain(screen, line => line.Contains('│', StringComparison.Ordinal) || line.Contains('─', StringComparison.Ordinal));
        Assert.Single(screen, line => line.Contains("already complete", StringComparison.Ordinal));

        // One message, wrapped by the console at its width.
        string complete = string.Join(' ', screen);
        Assert.Contains("The run 'csv-export' is already complete (14 stages done)", complete, StringComparison.Ordinal);
        Assert.Contains("objectives/add-export.md --restart", complete, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Resuming_a_complete_run_with_plain_output_prints_the_same_one_line()
    {
        using var cli = new CliHarness();
        Assert.Equal(ExitCodes.Complete, (await cli.RunAsync(["run", "objectives/add-export.md"])).ExitCode);

        (int exit, string output, string error) = await cli.RunAsync(["resume"]);

        Assert.True(exit == ExitCodes.Complete, output + error);
        Assert.Contains("is already complete (14 stages done); nothing ran again", output, StringComparison.Ordinal);
        Assert.DoesNotContain("Stage  ", output, StringComparison.Ordinal);
    }

    private static async Task<(int ExitCode, string Error)> RunLiveAsync(CliHarness cli, TestConsole console, string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        RootCommand root = TeamBotCli.Create(Workflow.Definition, new TeamBotCliSettings { Output = output, Error = error, Console = console, Plain = false, WorkingDirectory = cli.Directory });
        int exit = await root.Parse(args).InvokeAsync(new InvocationConfiguration { Output = output, Error = error });
        return (exit, output + error.ToString());
    }
}
