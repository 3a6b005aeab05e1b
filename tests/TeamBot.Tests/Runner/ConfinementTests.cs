using System;
using System.IO;
using System.Threading.Tasks;
using TeamBot.Execution;
using TeamBot.Rules;
using TeamBot.State;
using TeamBot.Tests.Fakes;

namespace TeamBot.Tests.Runner;

/// <summary>
/// A run writes only inside its folder: a symbolic link planted in it (by a hand, a tool or a checkout) is replaced or
/// refused, never written through.
/// </summary>
public sealed class ConfinementTests : IDisposable
{
    private readonly string _outside = Path.Combine(Path.GetTempPath(), "teambot-outside", Guid.NewGuid().ToString("N"));

    public ConfinementTests() => Directory.CreateDirectory(_outside);

    [Fact]
    public async Task An_artifact_that_is_a_link_to_a_file_outside_is_replaced_and_the_file_it_pointed_to_is_untouched()
    {
        using var run = new TestRun();
        string target = Path.Combine(_outside, "precious.txt");
        File.WriteAllText(target, "keep me");
        string artifact = Path.Combine(run.Directory, "artifacts", "setup_notes.md");
        Directory.CreateDirectory(Path.GetDirectoryName(artifact)!);
        File.CreateSymbolicLink(artifact, target);

        WorkflowResult result = await run.RunAsync(Workflow.Definition);

        Assert.Equal(RunStatus.Complete, result.Status);
        Assert.Equal("keep me", File.ReadAllText(target));
        Assert.Null(new FileInfo(artifact).LinkTarget);
        Assert.Contains("written for SETUP", File.ReadAllText(artifact), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("artifacts")]
    [InlineData("transcripts")]
    public async Task A_folder_of_the_run_that_is_a_link_outside_stops_the_run_naming_the_link_and_nothing_is_written_there(string folder)
    {
        using var run = new TestRun();
        run.Team.ToolCalls["SETUP"] = [new ToolCall("read_file", "{}", "read", Refused: false)];
        string link = Path.Combine(run.Directory, folder);
        Directory.CreateSymbolicLink(link, _outside);

        var ex = await Assert.ThrowsAsync<RunStorageException>(() => run.RunAsync(Workflow.Definition));

        Assert.Equal(link, ex.Path);
        Assert.Contains("is a symbolic link", ex.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFileSystemEntries(_outside));
        Assert.NotNull(await SavedRun.LoadAsync(Workflow.Definition, run.Store));
    }

    [Fact]
    public async Task A_lock_file_that_is_a_link_outside_is_refused_and_not_opened()
    {
        using var run = new TestRun();
        string target = Path.Combine(_outside, "lock");
        File.WriteAllText(target, "keep me");
        File.CreateSymbolicLink(Path.Combine(run.Directory, FileStateStore.LockFileName), target);

        var ex = await Assert.ThrowsAsync<RunStorageException>(() => run.RunAsync(Workflow.Definition));

        Assert.Contains("is a symbolic link", ex.Message, StringComparison.Ordinal);
        Assert.Equal("keep me", File.ReadAllText(target));
    }

    [Fact]
    public async Task A_journal_that_is_a_link_outside_is_never_appended_to()
    {
        using var run = new TestRun();
        string target = Path.Combine(_outside, "journal");
        File.WriteAllText(target, "keep me");
        File.CreateSymbolicLink(run.Store.JournalPath, target);
        var store = new FileStateStore(run.Directory);

        var ex = await Assert.ThrowsAsync<RunStorageException>(() => store.AppendAsync([new JournalEntry { Sequence = 1, Event = "run_cancelled" }], default).AsTask());

        Assert.Contains("is a symbolic link", ex.Message, StringComparison.Ordinal);
        Assert.Equal("keep me", File.ReadAllText(target));
    }

    public void Dispose() => Directory.Delete(_outside, recursive: true);
}
