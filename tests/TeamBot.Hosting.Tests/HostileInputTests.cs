using System;
using System.IO;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using TeamBot.State;
using TeamBot.Tests.Fakes;

namespace TeamBot.Hosting.Tests;

/// <summary>
/// The command line under a failing disk, hostile state files and run names that are paths: a clear message and an
/// exit code of its own, never a stack trace, nothing lost, nothing written outside the runs folder.
/// </summary>
public sealed class HostileInputTests
{
    [Fact]
    public async Task A_full_disk_at_any_point_of_a_run_exits_7_with_the_file_named_and_the_run_resumes_once_there_is_room()
    {
        int writes;
        using (var counted = new CliHarness())
        {
            var counting = new FaultyFileSystem();
            counted.FileSystem = counting;
            await CompleteRunAsync(counted);
            writes = counting.Writes.Count;
        }

        // Twelve points spread over the whole run. Events that arrive together share one journal write, so a run may make
        // a few writes fewer than the one counted: the last point stays clear of the end.
        foreach (int at in Enumerable.Range(0, 12).Select(i => i * writes / 12).Distinct())
        {
            using var cli = new CliHarness { FileSystem = new FaultyFileSystem(DiskFault.NoSpace, at) };

            (int exit, string output, string error) = await cli.RunAsync(["run", "objectives/add-export.md"]);

            string context = $"full disk at write {at} of {writes}: {output}{error}";
            Assert.True(exit == ExitCodes.CannotWrite, context);
            Assert.Contains("cannot be written: the disk is full.", error, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", output + error, StringComparison.Ordinal);
            cli.FileSystem = RunFileSystem.Default;
            string[] again = File.Exists(Path.Combine(cli.RunDirectory("csv-export"), FileStateStore.StateFileName)) ? ["resume", "csv-export"] : ["run", "objectives/add-export.md"];
            if (again[0] == "resume")
            {
                Assert.Contains("continue with: teambot resume csv-export", error, StringComparison.Ordinal);
            }

            (int resumed, string resumeOutput, string resumeError) = await cli.RunAsync(again);
            Assert.True(resumed == ExitCodes.Complete, context + resumeOutput + resumeError);
        }
    }

    [Theory]
    [InlineData(DiskFault.ReadOnly, "the file system is read-only")]
    [InlineData(DiskFault.Denied, "permission denied")]
    public async Task A_runs_folder_that_cannot_be_written_is_not_reported_as_locked(DiskFault fault, string reason)
    {
        using var cli = new CliHarness();
        await CompleteRunAsync(cli);
        cli.FileSystem = new FaultyFileSystem(fault, 0);

        foreach (string[] args in new[] { new[] { "run", "objectives/add-export.md", "--restart" }, ["resume", "csv-export"] })
        {
            (int exit, string output, string error) = await cli.RunAsync(args);

            Assert.True(exit == ExitCodes.CannotWrite, string.Join(' ', args) + ": " + output + error);
            Assert.Contains(reason, error, StringComparison.Ordinal);
            Assert.DoesNotContain("Another process", error, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", output + error, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("resume", "../../escaped")]
    [InlineData("resume", "/tmp/teambot-escaped")]
    [InlineData("resume", "..")]
    [InlineData("status", "../escaped")]
    public async Task A_run_name_that_is_a_path_is_refused_and_nothing_outside_the_runs_folder_is_touched(string command, string name)
    {
        using var cli = new CliHarness();
        await CompleteRunAsync(cli);

        // A run folder copied outside the runs folder: resuming it would write its state and artifacts there.
        string outside = Path.GetFullPath(Path.Combine(cli.Directory, ".teambot", name));
        if (!Directory.Exists(outside) && !name.StartsWith('/'))
        {
            Directory.CreateDirectory(outside);
            File.Copy(Path.Combine(cli.RunDirectory("csv-export"), FileStateStore.StateFileName), Path.Combine(outside, FileStateStore.StateFileName));
        }

        DateTime[] before = Directory.Exists(outside) ? Directory.GetFiles(outside).Select(File.GetLastWriteTimeUtc).ToArray() : [];

        (int exit, string output, string error) = await cli.RunAsync([command, name]);

        Assert.True(exit == ExitCodes.BadInput, output + error);
        Assert.Contains($"'{name}' is not a run's name", error, StringComparison.Ordinal);
        Assert.Equal(before, Directory.Exists(outside) ? Directory.GetFiles(outside).Select(File.GetLastWriteTimeUtc).ToArray() : []);
    }

    [Fact]
    public async Task A_hostile_loop_counter_is_refused_on_resume_with_the_path_named_and_the_file_left_as_it_was()
    {
        using var cli = new CliHarness();
        await CompleteRunAsync(cli);
        string state = Path.Combine(cli.RunDirectory("csv-export"), FileStateStore.StateFileName);
        JsonNode document = JsonNode.Parse(File.ReadAllText(state))!;
        document["status"] = "in_progress";
        document["current_stage"] = "PLAN_REVIEW";
        document["review_iterations"] = new JsonObject { ["PLAN_REVIEW"] = int.MaxValue };
        File.WriteAllText(state, document.ToJsonString());
        byte[] bytes = File.ReadAllBytes(state);

        (int exit, string output, string error) = await cli.RunAsync(["resume", "csv-export"]);

        Assert.True(exit == ExitCodes.BadInput, output + error);
        Assert.Contains($"The state file '{state}' is invalid at $.review_iterations.PLAN_REVIEW: 2147483647 is not an iteration from 0 to 10000.", error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output + error, StringComparison.Ordinal);
        Assert.Equal(bytes, File.ReadAllBytes(state));
    }

    private static async Task CompleteRunAsync(CliHarness cli)
    {
        (int exit, string output, string error) = await cli.RunAsync(["run", "objectives/add-export.md"]);
        Assert.True(exit == ExitCodes.Complete, output + error);
    }
}
