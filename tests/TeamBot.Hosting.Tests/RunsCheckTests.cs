using System;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using TeamBot.Definitions;
using TeamBot.State;
using TeamBot.Tests.Fakes;

namespace TeamBot.Hosting.Tests;

/// <summary>
/// <c>teambot runs check</c>: one line per run saying whether this build can resume it (carrying over a run saved under
/// a shipped earlier version), a totals line, exit 0 when all can and 8 when any cannot; nothing is written.
/// </summary>
public sealed class RunsCheckTests
{
    [Fact]
    public async Task Runs_that_can_resume_are_ok_with_their_version_and_migration_and_exit_0()
    {
        using var cli = Harness();
        await SaveAsync(cli, "renamed", new OrchestrationStateDocument { Status = "in_progress", CurrentStage = "PLANNING", CompletedStages = ["SETUP"], WorkflowVersion = "v1" });
        await SaveAsync(cli, "current", new OrchestrationStateDocument { Status = "in_progress", CurrentStage = "SPEC", CompletedStages = ["SETUP"], WorkflowVersion = "v2" });
        await SaveAsync(cli, "finished", new OrchestrationStateDocument { Status = "complete", CurrentStage = "COMPLETE", WorkflowVersion = "v0" });
        byte[] before = File.ReadAllBytes(StatePath(cli, "renamed"));

        (int exit, string output, string error) = await cli.RunAsync(["runs", "check"]);

        Assert.True(exit == ExitCodes.Complete, output + error);
        Assert.Matches(@"(?m)^ok  renamed  in_progress at PLAN \(version v2, migrates from v1\)$", output);
        Assert.Matches(@"(?m)^ok  current  in_progress at SPEC \(version v2\)$", output);
        Assert.Matches(@"(?m)^ok  finished  complete at COMPLETE \(version v0, finished; not carried over\)$", output);
        Assert.Matches(@"(?m)^3 run\(s\) in '.*': 3 ok, 0 cannot be resumed by this build\.$", output);
        Assert.Equal(before, File.ReadAllBytes(StatePath(cli, "renamed")));
        Assert.Equal("", error);
    }

    [Fact]
    public async Task A_run_that_cannot_resume_is_a_fail_line_naming_its_file_and_the_exit_code_is_8()
    {
        using var cli = Harness();
        await SaveAsync(cli, "good", new OrchestrationStateDocument { Status = "in_progress", CurrentStage = "SPEC", CompletedStages = ["SETUP"], WorkflowVersion = "v2" });
        await SaveAsync(cli, "unknown", new OrchestrationStateDocument { Status = "in_progress", CurrentStage = "SPEC", CompletedStages = ["SETUP"], WorkflowVersion = "v0" });
        Directory.CreateDirectory(cli.RunDirectory("broken"));
        await File.WriteAllTextAsync(StatePath(cli, "broken"), "{ \"status\": ");
        byte[] before = File.ReadAllBytes(StatePath(cli, "unknown"));

        (int exit, string output, string error) = await cli.RunAsync(["runs", "check"]);

        Assert.Equal(ExitCodes.CannotResume, exit);
        Assert.Matches(@"(?m)^ok  good  in_progress at SPEC \(version v2\)$", output);
        Assert.Matches(@"(?m)^FAIL unknown  The state in '.*unknown.orchestration_state\.json' was written under workflow version v0, .* it knows v1\.", output);
        Assert.Matches(@"(?m)^FAIL broken  The state file '.*broken.orchestration_state\.json' is corrupt", output);
        Assert.Matches(@"(?m)^3 run\(s\) in '.*': 1 ok, 2 cannot be resumed by this build\.$", output);
        Assert.DoesNotMatch(@"(?m)^\s+at \S+\(", output + error);
        Assert.Equal(before, File.ReadAllBytes(StatePath(cli, "unknown")));
    }

    /// <summary>The repo's workflow as version v2, which knows v1, where PLAN was called PLANNING.</summary>
    private static CliHarness Harness()
    {
        var v1 = new WorkflowMigration("v1", [.. Workflow.Definition.StageOrder.Select(Workflow.Definition.GetStageName)], ImmutableDictionary<string, string>.Empty.Add("PLANNING", "PLAN"), ImmutableDictionary<string, string>.Empty, [], []);
        return new CliHarness { Workflow = new VersionedWorkflow<Stage>(Workflow.Definition, new WorkflowVersioning("v2", [v1])) };
    }

    private static Task SaveAsync(CliHarness cli, string name, OrchestrationStateDocument document) =>
        new FileStateStore(cli.RunDirectory(name)).SaveAsync(document, CancellationToken.None).AsTask();

    private static string StatePath(CliHarness cli, string name) => Path.Combine(cli.RunDirectory(name), FileStateStore.StateFileName);
}
