using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;

namespace TeamBot.Hosting.Tests;

/// <summary>The offline agent's tool use on its sample workspace: what the demo shows without a model.</summary>
public sealed class OfflineWorkspaceTests
{
    private const string Feature = "csv-export";

    [Fact]
    public async Task An_offline_run_edits_its_sample_workspace_through_the_tools_and_writes_nothing_outside_its_run()
    {
        using var cli = new CliHarness();

        (int exit, string output, string error) = await cli.RunAsync(["run", "objectives/add-export.md"]);

        Assert.True(exit == ExitCodes.Complete, output + error);
        string workspace = Path.Combine(cli.RunDirectory(Feature), "workspace");
        Assert.Equal(
            "// Add CSV export: a stand-in written by TeamBot's offline agent.\nnamespace Sample;\n\npublic static class AddCsvExport\n{\n"
            + "    // Done so far: Implementation 1 (builder-1); Implementation Review 1 (builder-1); Implementation Review 2 (builder-1); Acceptance Test 1 (builder-1).\n}\n",
            File.ReadAllText(Path.Combine(workspace, "src", "AddCsvExport.cs")));
        Assert.Contains("// Done so far: Implementation 1 (builder-2); Implementation Review 1 (builder-1); Implementation Review 2 (builder-1); Test 1 (builder-2); Acceptance Test 1 (builder-1).", File.ReadAllText(Path.Combine(workspace, "tests", "AddCsvExportTests.cs")), StringComparison.Ordinal);
        Assert.Equal(["README.md", "src/AddCsvExport.cs", "src/Report.cs", "tests/AddCsvExportTests.cs", "tests/ReportTests.cs"], Tree(workspace).Keys);
        Assert.Contains("public string ToText()", File.ReadAllText(Path.Combine(workspace, "src", "Report.cs")), StringComparison.Ordinal);

        // Nothing beside the run's folder: the checkout the user ran it in is left alone.
        Assert.Equal([".teambot", "objectives"], Directory.EnumerateFileSystemEntries(cli.Directory).Select(Path.GetFileName).Order(StringComparer.Ordinal));

        // Every call is a real one, allowed by the stage's permissions, journaled and shown under its agent.
        JsonObject calls = JsonNode.Parse(File.ReadAllText(Path.Combine(cli.RunDirectory(Feature), "orchestration_state.json")))!["tool_calls"]!.AsObject();
        Assert.Equal(
            [
                ("builder-1", "write_file", "wrote src/AddCsvExport.cs (172 characters)"), ("builder-1", "run_command", "exit code 0"),
                ("builder-2", "write_file", "wrote tests/AddCsvExportTests.cs (177 characters)"), ("builder-2", "run_command", "exit code 0"),
            ],
            calls["IMPLEMENTATION"]!.AsArray().Select(call => (call!["agent"]!.GetValue<string>(), call["tool"]!.GetValue<string>(), call["summary"]!.GetValue<string>())));
        Assert.Equal(["read_file", "edit_file", "run_command"], calls["TEST"]!.AsArray().Select(call => call!["tool"]!.GetValue<string>()));
        Assert.Contains("list_files", calls["IMPLEMENTATION_REVIEW"]!.AsArray().Where(call => call!["agent"]!.GetValue<string>() == "reviewer").Select(call => call!["tool"]!.GetValue<string>()));
        Assert.DoesNotContain(calls.SelectMany(stage => stage.Value!.AsArray()), call => call!["refused"]?.GetValue<bool>() == true);
        Assert.Contains("ToolCalled IMPLEMENTATION #1 builder-1: write_file: wrote src/AddCsvExport.cs", output, StringComparison.Ordinal);
        Assert.Contains("ToolCalled TEST #1 builder-2: run_command: exit code 0", output, StringComparison.Ordinal);
        Assert.Contains("The offline agent's file edits are in its sample workspace .teambot/csv-export/workspace", output, StringComparison.Ordinal);
        Assert.Contains("`edit_file`", File.ReadAllText(Path.Combine(cli.RunDirectory(Feature), "transcripts", "IMPLEMENTATION_REVIEW-1-builder-1-ReviseWork.md")), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ToolCalled IMPLEMENTATION #1 builder-1: write_file")]
    [InlineData("ToolCalled IMPLEMENTATION_REVIEW #2 builder-1: edit_file: edited src/AddCsvExport.cs")]
    [InlineData("ToolCalled ACCEPTANCE_TEST #1 builder-1: edit_file: edited src/AddCsvExport.cs")]
    public async Task A_run_stopped_after_an_edit_and_resumed_leaves_the_sample_as_a_run_that_never_stopped(string stopAfter)
    {
        using var uninterrupted = new CliHarness();
        (int exit, string output, string error) = await uninterrupted.RunAsync(["run", "objectives/add-export.md"]);
        Assert.True(exit == ExitCodes.Complete, output + error);

        using var interrupted = new CliHarness();
        using var stop = new CancellationTokenSource();
        interrupted.OnLine = line =>
        {
            if (line.Contains(stopAfter, StringComparison.Ordinal))
            {
                stop.Cancel();
            }
        };
        (int stopped, string stoppedOutput, _) = await interrupted.RunAsync(["run", "objectives/add-export.md"], stop.Token);
        Assert.True(stopped == ExitCodes.Cancelled, stoppedOutput);
        interrupted.OnLine = null;
        (int resumed, string resumedOutput, string resumedError) = await interrupted.RunAsync(["resume"]);

        Assert.True(resumed == ExitCodes.Complete, resumedOutput + resumedError);
        Assert.Equal(Tree(Path.Combine(uninterrupted.RunDirectory(Feature), "workspace")), Tree(Path.Combine(interrupted.RunDirectory(Feature), "workspace")));
    }

    [Fact]
    public async Task Starting_over_starts_from_a_fresh_sample()
    {
        using var cli = new CliHarness();
        await cli.RunAsync(["run", "objectives/add-export.md"]);
        string workspace = Path.Combine(cli.RunDirectory(Feature), "workspace");
        Dictionary<string, string> first = Tree(workspace);
        File.WriteAllText(Path.Combine(workspace, "src", "Stray.cs"), "left by hand");

        (int exit, string output, string error) = await cli.RunAsync(["run", "objectives/add-export.md", "--restart"]);

        Assert.True(exit == ExitCodes.Complete, output + error);
        Assert.Equal(first, Tree(workspace));
    }

    /// <summary>Every file under <paramref name="folder"/>, by its path relative to it, with its text.</summary>
    private static Dictionary<string, string> Tree(string folder) =>
        Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .OrderBy(file => file, StringComparer.Ordinal)
            .ToDictionary(file => Path.GetRelativePath(folder, file).Replace('\\', '/'), File.ReadAllText);
}
