using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using TeamBot.Agents;
using TeamBot.Execution;
using TeamBot.Rules;
using TeamBot.State;
using TeamBot.Tests.Fakes;
using Xunit.Abstractions;

namespace TeamBot.Tests.Runner;

/// <summary>
/// A full disk, a denied permission, a read-only file system and a failed rename, at every write a run makes, one write
/// at a time: the run stops with a <see cref="RunStorageException"/> naming the file, the last saved state loads, and
/// once the fault is gone a resume ends as the run that never met it, with no temporary file left behind.
/// </summary>
public sealed class DiskFaultTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Every_kind_of_file_a_run_writes_goes_through_the_file_system_seam()
    {
        using var run = new TestRun();
        var files = new FaultyFileSystem();

        WorkflowResult result = await Runner(run, files).RunAsync(TestRun.Objective);

        Assert.Equal(RunStatus.Complete, result.Status);
        string[] written = files.Writes.Select(write => Site(run, write.Path)).Distinct().Order(StringComparer.Ordinal).ToArray();
        Assert.Equal([".checkpoints", "artifacts", "journal", "lock", "run folder", "state", "transcripts"], written);
    }

    [Theory]
    [InlineData(DiskFault.NoSpace)]
    [InlineData(DiskFault.Denied)]
    [InlineData(DiskFault.ReadOnly)]
    [InlineData(DiskFault.FailedRename)]
    public async Task A_fault_at_any_write_stops_the_run_naming_the_file_and_a_resume_ends_as_the_run_that_never_met_it(DiskFault fault)
    {
        (WorkflowResult reference, List<(string Operation, string Path)> writes, Dictionary<string, string> referenceArtifacts) = await ReferenceAsync();
        List<(string Operation, string Path)> sites = fault == DiskFault.FailedRename ? writes.Where(write => write.Operation == "Replace").ToList() : writes;

        // A full disk and each rename fail at every write; a denied or read-only file system differs from a full disk only
        // in the error's words, so it fails at every fourth write and at the first write of each kind of file.
        bool sampled = fault is DiskFault.Denied or DiskFault.ReadOnly;
        int checkedSites = 0;
        for (int at = 0; at < sites.Count; at++)
        {
            if (sampled && at % 4 != 0 && SiteKind(sites[at]) == SiteKind(sites[at - 1]))
            {
                continue;
            }

            checkedSites++;
            using var run = new TestRun();
            var files = new FaultyFileSystem(fault, at);

            string context = $"{fault} at write {at} ({sites[at].Operation} {Site(run, sites[at].Path)})";
            Exception? thrown = await Record.ExceptionAsync(() => Runner(run, files).RunAsync(TestRun.Objective));
            if (thrown is null && files.Failed == 0 && at >= files.Writes.Count - 1)
            {
                // Events that arrive together share one journal write: this run made fewer writes than the one counted,
                // and never reached the failing one.
                continue;
            }

            var ex = thrown as RunStorageException;
            Assert.True(ex is not null, $"{context}: the run did not stop with a storage error but {thrown?.ToString() ?? "completed"}");
            Assert.True(ex.Path is not null && ex.Message.Contains(ex.Path, StringComparison.Ordinal), $"{context}: {ex.Message}");
            Assert.Contains(Reason(fault), ex.Message, StringComparison.Ordinal);

            // The last good state loads, and a resume without the fault finishes the run as the reference run finished.
            bool saved = File.Exists(run.Store.StatePath);
            if (saved)
            {
                Assert.NotNull(await SavedRun.LoadAsync(Workflow.Definition, run.Store));
            }

            WorkflowResult resumed = saved
                ? await Runner(run, RunFileSystem.Default).ResumeAsync(TestRun.Objective)
                : await Runner(run, RunFileSystem.Default).RunAsync(TestRun.Objective);
            Assert.Equal(reference.Status, resumed.Status);
            Assert.True(reference.CompletedStages.SequenceEqual(resumed.CompletedStages), $"{context}: {string.Join(",", resumed.CompletedStages)}");
            Assert.Equal(reference.Outputs, resumed.Outputs);
            Assert.Equal(referenceArtifacts, Artifacts(run));
            Assert.Empty(Directory.EnumerateFiles(run.Directory, "*.tmp", SearchOption.AllDirectories));
        }

        output.WriteLine($"{fault}: {checkedSites} of {sites.Count} writes failed in turn, each resumed to {reference.Status}.");
    }

    [Fact]
    public async Task A_fault_writing_a_review_failure_report_stops_the_run_before_the_failure_is_recorded_and_a_resume_writes_it()
    {
        List<(string Operation, string Path)> writes;
        using (var counted = new TestRun())
        {
            var counting = new FaultyFileSystem();
            Assert.Equal(RunStatus.ReviewFailed, (await Runner(counted, counting, approve: false).RunAsync(TestRun.Objective)).Status);
            writes = counting.Writes.ToList();
        }

        int[] reportWrites = Enumerable.Range(0, writes.Count).Where(i => writes[i].Path.Contains($"{Path.DirectorySeparatorChar}failures", StringComparison.Ordinal)).ToArray();
        Assert.NotEmpty(reportWrites);
        foreach (int at in reportWrites)
        {
            using var run = new TestRun();
            var ex = await Assert.ThrowsAsync<RunStorageException>(() => Runner(run, new FaultyFileSystem(DiskFault.NoSpace, at), approve: false).RunAsync(TestRun.Objective));
            Assert.Contains("failures", ex.Path, StringComparison.Ordinal);
            Assert.Equal("in_progress", (await run.Store.LoadAsync(default))!.Status);

            WorkflowResult resumed = await Runner(run, RunFileSystem.Default, approve: false).ResumeAsync(TestRun.Objective);

            Assert.Equal(RunStatus.ReviewFailed, resumed.Status);
            Assert.Single(Directory.GetFiles(Path.Combine(run.Directory, "failures"), "*.md"));
            Assert.Empty(Directory.EnumerateFiles(run.Directory, "*.tmp", SearchOption.AllDirectories));
        }
    }

    [Fact]
    public async Task A_lock_held_by_another_process_is_told_apart_from_a_lock_file_that_cannot_be_made()
    {
        using var run = new TestRun();
        using (run.Store.Lock())
        {
            await Assert.ThrowsAsync<WorkflowStateLockedException>(() => Runner(run, RunFileSystem.Default).RunAsync(TestRun.Objective));
        }

        var ex = await Assert.ThrowsAsync<RunStorageException>(() => Runner(run, new FaultyFileSystem(DiskFault.Denied, 0)).RunAsync(TestRun.Objective));
        Assert.IsNotType<WorkflowStateLockedException>(ex);
        Assert.Contains("permission denied", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Temporary_files_an_interrupted_save_left_are_removed_when_the_run_next_starts()
    {
        using var run = new TestRun();
        string[] stale =
        [
            Path.Combine(run.Directory, $".{FileStateStore.StateFileName}.{Guid.NewGuid():N}.tmp"),
            Path.Combine(run.Directory, "artifacts", $".plan.md.{Guid.NewGuid():N}.tmp"),
            Path.Combine(run.Directory, "transcripts", $".x.md.{Guid.NewGuid():N}.tmp"),
        ];
        foreach (string file in stale)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            File.WriteAllBytes(file, []);
        }

        WorkflowResult result = await Runner(run, RunFileSystem.Default).RunAsync(TestRun.Objective);

        Assert.Equal(RunStatus.Complete, result.Status);
        Assert.All(stale, file => Assert.False(File.Exists(file), file));
    }

    private static async Task<(WorkflowResult Result, List<(string Operation, string Path)> Writes, Dictionary<string, string> Artifacts)> ReferenceAsync()
    {
        using var run = new TestRun();
        var files = new FaultyFileSystem();
        WorkflowResult result = await Runner(run, files).RunAsync(TestRun.Objective);
        Assert.Equal(RunStatus.Complete, result.Status);
        return (result, files.Writes.ToList(), Artifacts(run));
    }

    /// <summary>A run whose reviews reject once and whose first acceptance run fails, snapshotting every few events so both the journal and the state are written often.</summary>
    private static WorkflowRunner<Stage> Runner(TestRun run, RunFileSystem files, bool approve = true)
    {
        run.Team.ApproveFromIteration = approve ? 2 : int.MaxValue;
        run.Team.PassFromRun = 2;
        run.Team.ToolCalls["IMPLEMENTATION"] = [new ToolCall("write_file", "{\"path\":\"src/Export.cs\"}", "wrote 3 lines", Refused: false)];
        var store = new FileStateStore(run.Directory, files);
        return new WorkflowRunner<Stage>(Workflow.Definition, AgentRegistry.ForAll(run.Team), store, new WorkflowRunnerOptions { WorkingDirectory = run.Directory, RunDirectory = run.Directory, FileSystem = files, SnapshotInterval = 5 });
    }

    private static Dictionary<string, string> Artifacts(TestRun run)
    {
        string folder = Path.Combine(run.Directory, "artifacts");
        return Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).ToDictionary(file => Path.GetRelativePath(folder, file), File.ReadAllText);
    }

    private static string SiteKind((string Operation, string Path) write) =>
        write.Operation + " " + Path.GetFileName(Path.GetDirectoryName(write.Path));

    private static string Site(TestRun run, string path)
    {
        string relative = Path.GetRelativePath(run.Directory, path);
        return relative switch
        {
            "." => "run folder",
            FileStateStore.StateFileName => "state",
            FileStateStore.JournalFileName => "journal",
            FileStateStore.LockFileName => "lock",
            _ when relative.StartsWith($".{FileStateStore.StateFileName}", StringComparison.Ordinal) => "state",
            _ => relative.Split(Path.DirectorySeparatorChar)[0],
        };
    }

    private static string Reason(DiskFault fault) => fault switch
    {
        DiskFault.NoSpace => "the disk is full",
        DiskFault.Denied => "permission denied",
        DiskFault.ReadOnly => "the file system is read-only",
        _ => "Rename failed",
    };
}
