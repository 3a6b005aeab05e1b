using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using TeamBot.Tests.Support;

namespace TeamBot.Hosting.Tests;

/// <summary>The teambot command line, run as a user runs it.</summary>
public sealed class CommandLineTests
{
    [Fact]
    public async Task An_offline_run_completes_writes_every_declared_artifact_and_a_valid_state_file()
    {
        using var cli = new CliHarness();

        (int exit, string output, string error) = await cli.RunAsync(["run", "objectives/add-export.md"]);

        Assert.True(exit == ExitCodes.Complete, output + error);
        foreach (string artifact in Workflow.Definition.Stages.SelectMany(stage => stage.Artifacts))
        {
            Assert.True(File.Exists(Path.Combine(cli.RunDirectory("csv-export"), "artifacts", artifact)), artifact);
        }

        using JsonDocument state = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(cli.RunDirectory("csv-export"), "orchestration_state.json")));
        Assert.Equal("complete", state.RootElement.GetProperty("status").GetString());
        Assert.Equal(2, state.RootElement.GetProperty("acceptance_test_iterations").GetInt32());
        Assert.Contains("ReviewIterationCompleted SPEC_REVIEW #1: changes requested", output, StringComparison.Ordinal);
        Assert.Contains("MemberStarted TEST_STRATEGY [post_spec_review]", output, StringComparison.Ordinal);
        Assert.Contains("AcceptanceRunCompleted ACCEPTANCE_TEST #1: ❌ FAILED", output, StringComparison.Ordinal);
        Assert.Contains("Run completed", output, StringComparison.Ordinal);
        Assert.Contains("POST_REVIEW              Completed", output, StringComparison.Ordinal);
        Assert.Contains("## Acceptance Test Scenarios", File.ReadAllText(Path.Combine(cli.RunDirectory("csv-export"), "artifacts", "feature_spec.md")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_interrupted_run_resumes_without_rerunning_completed_stages()
    {
        using var cli = new CliHarness();
        using var cancel = new CancellationTokenSource();
        cli.OnLine = line =>
        {
            if (line.Contains("StageStarted PLAN", StringComparison.Ordinal))
            {
                cancel.Cancel();
            }
        };

        (int exit, string output, _) = await cli.RunAsync(["run", "objectives/add-export.md"], cancel.Token);

        Assert.Equal(ExitCodes.Cancelled, exit);
        Assert.Contains("teambot resume csv-export", output, StringComparison.Ordinal);
        cli.OnLine = null;
        (int resumed, string resumeOutput, string error) = await cli.RunAsync(["resume"]);

        Assert.True(resumed == ExitCodes.Complete, resumeOutput + error);
        Assert.DoesNotContain("StageStarted SETUP", resumeOutput, StringComparison.Ordinal);
        Assert.DoesNotContain("MemberStarted RESEARCH", resumeOutput, StringComparison.Ordinal);
        Assert.Contains("StageStarted PLAN", resumeOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_resumed_run_keeps_the_policy_it_started_with()
    {
        // Started with --skip-optional, resumed without it: the optional stage is still skipped, as it would have been
        // had the run never stopped (it once ran on resume).
        using var cli = new CliHarness();
        using var cancel = new CancellationTokenSource();
        cli.OnLine = line =>
        {
            if (line.Contains("StageStarted SETUP", StringComparison.Ordinal))
            {
                cancel.Cancel();
            }
        };

        (int exit, _, _) = await cli.RunAsync(["run", "objectives/add-export.md", "--skip-optional"], cancel.Token);
        cli.OnLine = null;
        (int resumed, string output, string error) = await cli.RunAsync(["resume"]);

        Assert.Equal(ExitCodes.Cancelled, exit);
        Assert.True(resumed == ExitCodes.Complete, output + error);
        Assert.Contains("StageSkipped BUSINESS_PROBLEM", output, StringComparison.Ordinal);
        Assert.DoesNotContain("StageStarted BUSINESS_PROBLEM", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_and_graph_print_what_the_state_and_the_workflow_hold()
    {
        using var cli = new CliHarness();
        await cli.RunAsync(["run", "objectives/add-export.md", "--offline-failing-acceptance-runs", "9"]);

        (int exit, string status, _) = await cli.RunAsync(["status"]);
        Assert.Equal(ExitCodes.Complete, exit);
        Assert.Matches(@"csv-export\s+acceptance_test_failed\s+at ACCEPTANCE_TEST\s+11/14 stages", status);
        Assert.Contains("acceptance tests: ❌ FAILED: 2/3 passed, 1 failed", status, StringComparison.Ordinal);

        (_, string mermaid, _) = await cli.RunAsync(["graph"]);
        Assert.Equal(Workflow.Mermaid, mermaid);
        (_, string text, _) = await cli.RunAsync(["graph", "--format", "text"]);
        Assert.Contains("SPEC_REVIEW              -> RESEARCH, TEST_STRATEGY", text, StringComparison.Ordinal);
        Assert.Contains("RESEARCH                 -> PLAN  [group post_spec_review, max 2]", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Graph_costs_prints_each_stage_s_worst_case_the_run_s_and_the_critical_path()
    {
        using var cli = new CliHarness();

        (int exit, string table, _) = await cli.RunAsync(["graph", "--costs"]);

        Assert.Equal(ExitCodes.Complete, exit);
        string[] lines = table.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        Assert.Equal("Stage                     Calls        Tokens        Time", lines[0]);
        Assert.Equal("SPEC_REVIEW                   8             -    08:00:00", lines[4]);
        Assert.Equal("IMPLEMENTATION                2             -    03:00:00", lines[9]);
        Assert.Equal("ACCEPTANCE_TEST               7             -    07:00:00", lines[12]);
        Assert.Equal("COMPLETE                      0             0    00:00:00", lines[14]);
        Assert.Equal("Run (worst case)             48             -    50:45:00", lines[15]);
        Assert.Contains("Critical path (50:45:00): SETUP -> BUSINESS_PROBLEM -> SPEC -> SPEC_REVIEW -> RESEARCH -> PLAN -> PLAN_REVIEW -> IMPLEMENTATION -> IMPLEMENTATION_REVIEW -> TEST -> ACCEPTANCE_TEST -> POST_REVIEW", table, StringComparison.Ordinal);
        Assert.Contains("No budget declared", table, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(4, "--offline-failing-acceptance-runs", "9")]
    [InlineData(3, "--offline-approve-at", "9")]
    public async Task Failed_runs_exit_with_their_own_codes(int code, string option, string value)
    {
        using var cli = new CliHarness();

        (int exit, _, _) = await cli.RunAsync(["run", "objectives/add-export.md", option, value]);

        Assert.Equal(code, exit);
    }

    [Fact]
    public async Task Bad_input_gets_a_clear_error_and_exit_code_1()
    {
        using var cli = new CliHarness();

        (int missing, _, string missingError) = await cli.RunAsync(["run", "objectives/nope.md"]);
        Assert.Equal(ExitCodes.BadInput, missing);
        Assert.Contains(Path.Combine(cli.Directory, "objectives", "nope.md"), missingError, StringComparison.Ordinal);

        (int badOption, _, string optionError) = await cli.RunAsync(["run", "objectives/add-export.md", "--max-concurrency", "0"]);
        Assert.Equal(ExitCodes.BadInput, badOption);
        Assert.Contains("--max-concurrency must be at least 1", optionError, StringComparison.Ordinal);

        (int unknownAgent, _, string agentError) = await cli.RunAsync(["run", "objectives/add-export.md", "--agent", "magic"]);
        Assert.Equal(ExitCodes.BadInput, unknownAgent);
        Assert.Contains("magic", agentError, StringComparison.Ordinal);

        Directory.CreateDirectory(cli.RunDirectory("broken"));
        string corrupt = Path.Combine(cli.RunDirectory("broken"), "orchestration_state.json");
        File.WriteAllText(corrupt, "{ \"status\": ");
        (int corruptExit, _, string corruptError) = await cli.RunAsync(["resume", "broken"]);
        Assert.Equal(ExitCodes.BadInput, corruptExit);
        Assert.Contains(corrupt, corruptError, StringComparison.Ordinal);
        Assert.Equal("{ \"status\": ", File.ReadAllText(corrupt));
    }

    /// <summary>
    /// A state file names its objective file, and a hand-edited or hostile one may name it with a NUL, which no path can
    /// hold: that is an objective file that cannot be read, not a crash.
    /// </summary>
    [Fact]
    public async Task Resuming_a_run_whose_state_names_an_impossible_objective_path_is_bad_input()
    {
        using var cli = new CliHarness();
        var store = new TeamBot.State.FileStateStore(cli.RunDirectory("hostile"));
        await store.SaveAsync(new TeamBot.State.OrchestrationStateDocument { FeatureName = "hostile", ObjectiveFile = "objectives/add\0export.md", Status = "in_progress", CurrentStage = "SETUP", CompletedStages = [] }, CancellationToken.None);

        (int exit, _, string error) = await cli.RunAsync(["resume", "hostile"]);

        Assert.Equal(ExitCodes.BadInput, exit);
        Assert.Contains("The objective file 'objectives/add\0export.md' cannot be read", error, StringComparison.Ordinal);
        Assert.DoesNotContain(" at ", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_of_a_run_under_way_counts_the_stages_only_its_journal_holds()
    {
        using var cli = new CliHarness();
        var store = new TeamBot.State.FileStateStore(cli.RunDirectory("journaled"));
        await store.SaveAsync(new TeamBot.State.OrchestrationStateDocument { FeatureName = "journaled", Status = "in_progress", CurrentStage = "SETUP", CompletedStages = [], JournalSequence = 0 }, CancellationToken.None);
        await store.AppendAsync([new TeamBot.State.JournalEntry { Sequence = 1, ElapsedSeconds = 61, Event = "stage_succeeded", Stage = "SETUP", Text = "set up" }], CancellationToken.None);
        await store.AppendAsync([new TeamBot.State.JournalEntry { Sequence = 2, ElapsedSeconds = 62, Event = "stage_succeeded", Stage = "BUSINESS_PROBLEM", Text = "the problem" }], CancellationToken.None);

        (int exit, string status, string error) = await cli.RunAsync(["status", "journaled"]);

        Assert.True(exit == ExitCodes.Complete, error);
        Assert.Matches(@"journaled\s+in_progress\s+at SPEC\s+2/14 stages\s+00:01:02", status);
    }

    [Fact]
    public async Task Running_an_objective_twice_asks_to_resume_or_restart()
    {
        using var cli = new CliHarness();
        await cli.RunAsync(["run", "objectives/add-export.md"]);

        (int again, _, string error) = await cli.RunAsync(["run", "objectives/add-export.md"]);
        Assert.Equal(ExitCodes.BadInput, again);
        Assert.Contains("teambot resume csv-export", error, StringComparison.Ordinal);

        (int restarted, _, _) = await cli.RunAsync(["run", "objectives/add-export.md", "--restart"]);
        Assert.Equal(ExitCodes.Complete, restarted);
    }

    [Fact]
    public async Task Restarting_a_run_another_process_holds_exits_6_and_leaves_its_folder_untouched()
    {
        using var cli = new CliHarness();
        string folder = cli.RunDirectory("csv-export");
        await cli.RunAsync(["run", "objectives/add-export.md"]);
        // A run under way has a journal next to its snapshot.
        var store = new TeamBot.State.FileStateStore(folder);
        await store.AppendAsync([new TeamBot.State.JournalEntry { Sequence = 99, Event = "stage_started", Stage = "SETUP" }], CancellationToken.None);
        Dictionary<string, byte[]> before = FilesOf(folder);
        Assert.Contains(store.StatePath, before.Keys);
        Assert.Contains(store.JournalPath, before.Keys);
        Assert.Contains(Path.Combine(folder, "artifacts", "feature_spec.md"), before.Keys);

        using (store.Lock())
        {
            (int exit, string output, string error) = await cli.RunAsync(["run", "objectives/add-export.md", "--restart"]);

            Assert.True(exit == ExitCodes.Locked, output + error);
            Assert.Contains($"Another process is running the run in '{folder}'", error, StringComparison.Ordinal);
            Assert.DoesNotContain("StageStarted", output, StringComparison.Ordinal);
            Dictionary<string, byte[]> after = FilesOf(folder);
            Assert.Equal(before.Keys.Order(StringComparer.Ordinal), after.Keys.Order(StringComparer.Ordinal));
            Assert.All(before, file => Assert.Equal(file.Value, after[file.Key]));
        }
    }

    [Fact]
    public async Task Running_an_objective_whose_run_another_process_holds_exits_6_not_1()
    {
        using var cli = new CliHarness();
        string folder = cli.RunDirectory("csv-export");
        await cli.RunAsync(["run", "objectives/add-export.md"]);
        var store = new TeamBot.State.FileStateStore(folder);
        byte[] state = File.ReadAllBytes(store.StatePath);

        using (store.Lock())
        {
            (int exit, string output, string error) = await cli.RunAsync(["run", "objectives/add-export.md"]);

            Assert.True(exit == ExitCodes.Locked, output + error);
            Assert.Contains($"Another process is running the run in '{folder}'", error, StringComparison.Ordinal);
            Assert.DoesNotContain("teambot resume", error, StringComparison.Ordinal);
            Assert.Equal(state, File.ReadAllBytes(store.StatePath));
        }
    }

    [Fact]
    public async Task Resuming_a_run_another_process_holds_exits_6_and_resumes_once_it_is_free()
    {
        using var cli = new CliHarness();
        string folder = cli.RunDirectory("csv-export");
        using var cancel = new CancellationTokenSource();
        cli.OnLine = line =>
        {
            if (line.Contains("StageStarted PLAN", StringComparison.Ordinal))
            {
                cancel.Cancel();
            }
        };
        Assert.Equal(ExitCodes.Cancelled, (await cli.RunAsync(["run", "objectives/add-export.md"], cancel.Token)).ExitCode);
        cli.OnLine = null;
        var store = new TeamBot.State.FileStateStore(folder);
        byte[] state = File.ReadAllBytes(store.StatePath);

        using (store.Lock())
        {
            foreach (string[] args in new[] { new[] { "resume", "csv-export" }, ["resume"] })
            {
                (int exit, string output, string error) = await cli.RunAsync(args);

                Assert.True(exit == ExitCodes.Locked, string.Join(' ', args) + ": " + output + error);
                Assert.Contains($"Another process is running the run in '{folder}'", error, StringComparison.Ordinal);
                Assert.DoesNotContain("StageStarted", output, StringComparison.Ordinal);
                Assert.Equal(state, File.ReadAllBytes(store.StatePath));
            }
        }

        (int resumed, string resumeOutput, string resumeError) = await cli.RunAsync(["resume", "csv-export"]);
        Assert.True(resumed == ExitCodes.Complete, resumeOutput + resumeError);
        Assert.DoesNotContain("StageStarted SETUP", resumeOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Restarting_a_free_run_clears_its_folder_and_completes()
    {
        using var cli = new CliHarness();
        string folder = cli.RunDirectory("csv-export");
        await cli.RunAsync(["run", "objectives/add-export.md", "--offline-failing-acceptance-runs", "9"]);
        var store = new TeamBot.State.FileStateStore(folder);
        await store.AppendAsync([new TeamBot.State.JournalEntry { Sequence = 99, Event = "stage_started", Stage = "SETUP" }], CancellationToken.None);
        string staleArtifact = Path.Combine(folder, "artifacts", "stale.md");
        string staleFailure = Path.Combine(folder, "failures", "OLD.md");
        string strayFile = Path.Combine(folder, "notes.txt");
        Directory.CreateDirectory(Path.GetDirectoryName(staleFailure)!);
        File.WriteAllText(staleArtifact, "from the earlier run");
        File.WriteAllText(staleFailure, "from the earlier run");
        File.WriteAllText(strayFile, "from the earlier run");

        (int exit, string output, string error) = await cli.RunAsync(["run", "objectives/add-export.md", "--restart"]);

        Assert.True(exit == ExitCodes.Complete, output + error);
        Assert.Contains("StageStarted SETUP", output, StringComparison.Ordinal);
        Assert.False(File.Exists(staleArtifact), staleArtifact);
        Assert.False(File.Exists(staleFailure), staleFailure);
        Assert.False(File.Exists(strayFile), strayFile);
        Assert.False(File.Exists(store.JournalPath), store.JournalPath);
        using (new TeamBot.State.FileStateStore(folder).Lock())
        {
            // The lock file stays in the folder, but the run released it.
        }
        Assert.True(File.Exists(Path.Combine(folder, "artifacts", "feature_spec.md")));
        using JsonDocument state = JsonDocument.Parse(File.ReadAllBytes(store.StatePath));
        Assert.Equal("complete", state.RootElement.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Help_lists_the_commands_and_the_exit_codes()
    {
        using var cli = new CliHarness();

        (int exit, string help, _) = await cli.RunAsync(["--help"]);

        Assert.Equal(0, exit);
        foreach (string word in new[] { "run", "resume", "status", "graph", "130 cancelled", "--teambot-dir", "--version" })
        {
            Assert.Contains(word, help, StringComparison.Ordinal);
        }

        (int versionExit, string version, _) = await cli.RunAsync(["--version"]);
        Assert.Equal(0, versionExit);
        Assert.Matches(@"^\d+\.\d+\.\d+", version.Trim());
    }

    [Fact]
    public async Task The_tool_runs_as_a_child_process_and_the_second_objective_style_works()
    {
        using var cli = new CliHarness();
        string tool = BuiltTool.Dll;
        Assert.True(File.Exists(tool), tool);
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = cli.Directory, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string argument in new[] { tool, "run", "objectives/sdd-objective-notification-digest.md", "--verbose", "--telemetry", "console" })
        {
            start.ArgumentList.Add(argument);
        }

        using Process process = Process.Start(start)!;
        Task<string> output = process.StandardOutput.ReadToEndAsync();
        string error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));

        Assert.True(process.ExitCode == 0, await output + error);
        Assert.Contains("Run completed", await output, StringComparison.Ordinal);
        Assert.Contains("Run of notification-digest started at the start", error + await output, StringComparison.Ordinal);
        Assert.Contains("teambot.run", await output, StringComparison.Ordinal);
        Assert.Contains("teambot.agent", await output, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(cli.RunDirectory("notification-digest"), "orchestration_state.json")));
    }

    /// <summary>Every file under <paramref name="folder"/> but the lock file, with its bytes.</summary>
    private static Dictionary<string, byte[]> FilesOf(string folder) =>
        Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .Where(path => Path.GetFileName(path) != TeamBot.State.FileStateStore.LockFileName)
            .ToDictionary(path => path, File.ReadAllBytes, StringComparer.Ordinal);
}
