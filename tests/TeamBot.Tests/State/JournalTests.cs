using System;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using TeamBot.Agents;
using TeamBot.Execution;
using TeamBot.Rules;
using TeamBot.State;
using TeamBot.Tests.Fakes;
using TeamBot.Tests.Support;

namespace TeamBot.Tests.State;

/// <summary>
/// The journal: between snapshots each event is one line in <c>orchestration_state.journal</c>, and loading replays it
/// over the snapshot. These tests pause a run at a stage, copy its files (what a crash at that instant leaves) and load
/// or resume the copy.
/// </summary>
public sealed class JournalTests
{
    private static readonly string[] BeforeImplementation = ["SETUP", "BUSINESS_PROBLEM", "SPEC", "SPEC_REVIEW", "RESEARCH", "TEST_STRATEGY", "PLAN", "PLAN_REVIEW"];

    [Fact]
    public async Task Mid_run_the_journal_holds_the_stages_the_snapshot_does_not_yet()
    {
        using var run = new TestRun();
        TaskCompletionSource gate = run.Team.Gate("IMPLEMENTATION");
        Task<WorkflowResult> running = run.RunAsync(Workflow.Definition);
        await WhenCalledAsync(run.Team, "IMPLEMENTATION");

        JsonNode snapshot = JsonNode.Parse(File.ReadAllText(run.Store.StatePath))!;
        SavedRun<Stage> saved = (await SavedRun.LoadAsync(Workflow.Definition, new FileStateStore(run.Directory)))!;
        gate.SetResult();
        WorkflowResult result = await running;

        // The snapshot is the one written when the run started; everything since is in the journal.
        Assert.Empty(snapshot["completed_stages"]!.AsArray());
        Assert.Equal(BeforeImplementation.Order(StringComparer.Ordinal), saved.Document.CompletedStages!.Order(StringComparer.Ordinal));
        Assert.Equal(Stage.Implementation, saved.State.CurrentStage);
        Assert.Equal(10, saved.ReplayedEntries); // 8 stages, two of them reviews: work and verdict
        Assert.Equal(10, saved.JournalSequence);

        // The run's end writes a snapshot with everything and clears the journal.
        Assert.Equal(RunStatus.Complete, result.Status);
        Assert.False(File.Exists(run.Store.JournalPath));
        JsonNode final = JsonNode.Parse(File.ReadAllText(run.Store.StatePath))!;
        Assert.Equal(Workflow.Definition.Stages.Length, final["completed_stages"]!.AsArray().Count);
        Assert.True(final["journal_sequence"]!.GetValue<long>() > 10);
    }

    [Fact]
    public async Task Tool_calls_are_journaled_with_the_result_they_led_to_and_kept_in_the_state_under_their_stage()
    {
        using var run = new TestRun();
        var edit = new ToolCall("edit_file", "{\"path\":\"docs/research.md\"}", "edited docs/research.md", Refused: false);
        var refused = new ToolCall("run_command", "{\"program\":\"curl\"}", "Refused: this stage may not run 'curl'", Refused: true);
        run.Team.ToolCalls["RESEARCH"] = [edit, refused];
        TaskCompletionSource gate = run.Team.Gate("IMPLEMENTATION");
        Task<WorkflowResult> running = run.RunAsync(Workflow.Definition);
        await WhenCalledAsync(run.Team, "IMPLEMENTATION");

        string line = Assert.Single(File.ReadAllLines(run.Store.JournalPath), line => line.Contains("\"stage\":\"RESEARCH\"", StringComparison.Ordinal));
        SavedRun<Stage> saved = (await SavedRun.LoadAsync(Workflow.Definition, new FileStateStore(run.Directory)))!;
        gate.SetResult();
        await running;

        // The line that records RESEARCH's result carries its calls, stamped with the agent that made them.
        JsonArray calls = JsonNode.Parse(line)!["tool_calls"]!.AsArray();
        Assert.Equal(["edit_file", "run_command"], calls.Select(call => call!["tool"]!.GetValue<string>()));
        Assert.Equal("builder-1", calls[0]!["agent"]!.GetValue<string>());
        Assert.True(calls[1]!["refused"]!.GetValue<bool>());
        Assert.Equal([edit with { Agent = "builder-1" }, refused with { Agent = "builder-1" }], saved.State.ToolCalls[Stage.Research]);

        // The final snapshot keeps them under the stage (and the acceptance runs' test command); stages whose agents
        // called no tool have no entry.
        JsonObject final = JsonNode.Parse(File.ReadAllText(run.Store.StatePath))!["tool_calls"]!.AsObject();
        Assert.Equal(["RESEARCH", "ACCEPTANCE_TEST"], final.Select(pair => pair.Key));
        Assert.Equal("edited docs/research.md", final["RESEARCH"]![0]!["summary"]!.GetValue<string>());

        // And the call's transcript says what the agent did, refusals marked.
        string transcript = File.ReadAllText(Path.Combine(run.Directory, "transcripts", "RESEARCH-1-builder-1-Work.md"));
        Assert.Contains("- `edit_file` {\"path\":\"docs/research.md\"} -> edited docs/research.md", transcript, StringComparison.Ordinal);
        Assert.Contains("- REFUSED `run_command` {\"program\":\"curl\"} -> Refused: this stage may not run 'curl'", transcript, StringComparison.Ordinal);
        Assert.Contains("RESEARCH by builder-1", transcript, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Events_that_arrive_while_a_round_is_being_recorded_share_the_next_append()
    {
        var store = new HoldingJournalStore();
        var team = new FakeTeam();
        team.Gate("ALPHA");
        team.Gate("BETA");

        // GAMMA starts when ALPHA's slot frees; held too, or it can finish before ALPHA's round is taken and join it.
        team.Gate("GAMMA");
        var runner = new WorkflowRunner<GroupsStage>(Groups.Definition, AgentRegistry.ForAll(team), store, new WorkflowRunnerOptions { WorkingDirectory = Path.GetTempPath(), RunDirectory = Path.Combine(Path.GetTempPath(), "teambot-tests", Guid.NewGuid().ToString("N")) });
        Task<WorkflowResult> running = runner.RunAsync(TestRun.Objective);
        await TestSupport.WaitUntilAsync(() => team.StagesWorked().Count(stage => stage is "ALPHA" or "BETA") == 2);

        // ALPHA's round blocks in the journal; meanwhile GAMMA runs and BETA finishes, so both are waiting when it returns.
        var hold = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        store.Hold = hold;
        team.Gate("ALPHA").SetResult();
        await TestSupport.WaitUntilAsync(() => store.Held);
        team.Gate("BETA").SetResult();
        team.Gate("GAMMA").SetResult();
        await TestSupport.WaitUntilAsync(() => team.StagesWorked().Contains("GAMMA") && team.Running == 0);

        // GAMMA's agent has returned; its result reaches the driver's queue a few continuations later, which a machine
        // busy with other test assemblies can delay well past a few milliseconds.
        await Task.Delay(1000);
        hold.SetResult();
        WorkflowResult result = await running.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(RunStatus.Complete, result.Status);
        Assert.Contains(store.Appends, round => round.Order(StringComparer.Ordinal).SequenceEqual(["BETA", "GAMMA"]));
        Assert.True(store.Appends.Count < store.Appends.Sum(round => round.Length), "no two events shared an append");
        SavedRun<GroupsStage> saved = (await SavedRun.LoadAsync(Groups.Definition, store))!;
        Assert.Equal(Groups.Definition.StageOrder.Length, saved.State.Completed.Count);
    }

    [Fact]
    public async Task Resuming_after_a_crash_replays_the_journal_and_runs_no_completed_stage_again()
    {
        using var crashed = await CrashedAtAsync("IMPLEMENTATION");

        WorkflowResult result = await crashed.Runner(Workflow.Definition).ResumeAsync(TestRun.Objective);

        Assert.Equal(RunStatus.Complete, result.Status);
        Assert.Empty(crashed.Team.StagesWorked().Intersect(BeforeImplementation));
        Assert.Contains("IMPLEMENTATION", crashed.Team.StagesWorked());
        Assert.False(File.Exists(crashed.Store.JournalPath));
    }

    [Fact]
    public async Task A_last_line_torn_by_a_crash_is_ignored_and_the_run_resumes()
    {
        using var crashed = await CrashedAtAsync("IMPLEMENTATION");
        File.AppendAllText(crashed.Store.JournalPath, """{"seq":11,"elapsed_seconds":0.5,"event":"stage_succ""");

        SavedRun<Stage> saved = (await SavedRun.LoadAsync(Workflow.Definition, crashed.Store))!;
        WorkflowResult result = await crashed.Runner(Workflow.Definition).ResumeAsync(TestRun.Objective);

        Assert.Equal(10, saved.JournalSequence);
        Assert.Equal(RunStatus.Complete, result.Status);
        Assert.Contains("IMPLEMENTATION", crashed.Team.StagesWorked());
    }

    [Fact]
    public async Task A_corrupt_line_before_the_last_is_an_error_naming_the_journal_and_nothing_is_touched()
    {
        using var crashed = await CrashedAtAsync("IMPLEMENTATION");
        string[] lines = File.ReadAllLines(crashed.Store.JournalPath);
        lines[2] = "{\"seq\":3,\"event\":";
        File.WriteAllLines(crashed.Store.JournalPath, lines);
        byte[] journal = File.ReadAllBytes(crashed.Store.JournalPath);
        byte[] snapshot = File.ReadAllBytes(crashed.Store.StatePath);

        var ex = await Assert.ThrowsAsync<WorkflowStateException>(() => crashed.Runner(Workflow.Definition).ResumeAsync(TestRun.Objective));

        Assert.Contains(crashed.Store.JournalPath, ex.Message, StringComparison.Ordinal);
        Assert.Contains("line 3", ex.Message, StringComparison.Ordinal);
        Assert.Equal(journal, File.ReadAllBytes(crashed.Store.JournalPath));
        Assert.Equal(snapshot, File.ReadAllBytes(crashed.Store.StatePath));
        Assert.Empty(crashed.Team.Calls);
    }

    [Fact]
    public async Task A_missing_entry_is_an_error_not_a_silent_skip()
    {
        using var crashed = await CrashedAtAsync("IMPLEMENTATION");
        File.WriteAllLines(crashed.Store.JournalPath, File.ReadAllLines(crashed.Store.JournalPath).Where((_, i) => i != 4));

        var ex = await Assert.ThrowsAsync<WorkflowStateException>(() => SavedRun.LoadAsync(Workflow.Definition, crashed.Store).AsTask());

        Assert.Contains("jumps from entry 4 to 6", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Entries_a_snapshot_already_holds_are_not_applied_twice()
    {
        // A crash between writing a snapshot and clearing the journal leaves both: the snapshot's journal_sequence
        // says which entries it holds.
        using var crashed = await CrashedAtAsync("IMPLEMENTATION");
        SavedRun<Stage> before = (await SavedRun.LoadAsync(Workflow.Definition, crashed.Store))!;
        File.WriteAllBytes(crashed.Store.StatePath, System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(before.Document, StateJsonContext.Default.OrchestrationStateDocument));

        SavedRun<Stage> after = (await SavedRun.LoadAsync(Workflow.Definition, crashed.Store))!;

        Assert.Equal(0, after.ReplayedEntries);
        Assert.Equal(before.JournalSequence, after.JournalSequence);
        Assert.Equal(before.State.Completed.Order(), after.State.Completed.Order());
        Assert.Equal(before.State.Outputs.OrderBy(p => p.Key), after.State.Outputs.OrderBy(p => p.Key));
    }

    [Fact]
    public async Task The_journal_is_replayed_under_the_policy_of_the_session_that_wrote_it()
    {
        using var crashed = await CrashedAtAsync("SPEC", new WorkflowRunnerOptions { Policy = new ExecutionPolicy { SkipOptionalStages = true } });
        JsonNode snapshot = JsonNode.Parse(File.ReadAllText(crashed.Store.StatePath))!;
        Assert.True(snapshot["execution_policy"]!["skip_optional_stages"]!.GetValue<bool>());

        SavedRun<Stage> skipping = (await SavedRun.LoadAsync(Workflow.Definition, crashed.Store))!;
        snapshot["execution_policy"]!["skip_optional_stages"] = false;
        File.WriteAllText(crashed.Store.StatePath, snapshot.ToJsonString());
        SavedRun<Stage> notSkipping = (await SavedRun.LoadAsync(Workflow.Definition, crashed.Store))!;

        Assert.Equal(Stage.Spec, skipping.State.CurrentStage);
        Assert.Equal(Stage.BusinessProblem, notSkipping.State.CurrentStage);
    }

    [Fact]
    public async Task Without_a_journal_each_save_writes_the_whole_document_as_before()
    {
        using var run = new TestRun();
        var store = new SnapshotOnlyStore();
        WorkflowResult result = await new WorkflowRunner<Stage>(Workflow.Definition, AgentRegistry.ForAll(run.Team), store, new WorkflowRunnerOptions { WorkingDirectory = run.Directory, RunDirectory = run.Directory })
            .RunAsync(TestRun.Objective);

        Assert.Equal(RunStatus.Complete, result.Status);
        Assert.True(store.Saves > Workflow.Definition.Stages.Length, $"{store.Saves} saves");
        Assert.Null(store.Last!.JournalSequence);
    }

    [Fact]
    public async Task A_snapshot_is_written_every_interval_events()
    {
        using var run = new TestRun();
        var store = new CountingJournalStore();
        WorkflowResult result = await new WorkflowRunner<Stage>(Workflow.Definition, AgentRegistry.ForAll(run.Team), store, new WorkflowRunnerOptions { WorkingDirectory = run.Directory, RunDirectory = run.Directory, SnapshotInterval = 4 })
            .RunAsync(TestRun.Objective);

        Assert.Equal(RunStatus.Complete, result.Status);
        long events = store.Last!.JournalSequence!.Value;

        // One at the start and one at the end; between them, one at the first save once 4 events have gathered.
        Assert.True(store.Saves > 2 && store.Saves <= 2 + (events / 4), $"{store.Saves} snapshots for {events} events");
        Assert.Equal(0, store.Inner.JournalLength);
    }

    [Fact]
    public async Task A_journal_write_that_fails_stops_the_agents_still_running_before_the_error_surfaces()
    {
        using var run = new TestRun();
        TaskCompletionSource research = run.Team.Gate("RESEARCH");
        var store = new FailingJournalStore(failAfter: 5);
        var runner = new WorkflowRunner<Stage>(Workflow.Definition, AgentRegistry.ForAll(run.Team), store, new WorkflowRunnerOptions { WorkingDirectory = run.Directory, RunDirectory = run.Directory });

        // RESEARCH waits at its gate while TEST_STRATEGY's result is the event whose journal write fails.
        await Assert.ThrowsAsync<System.IO.IOException>(() => runner.RunAsync(TestRun.Objective));

        Assert.Contains("RESEARCH", run.Team.CancelledStages);
        research.TrySetResult();
    }

    [Fact]
    public async Task A_snapshot_written_between_reading_it_and_reading_the_journal_is_read_again()
    {
        var store = new RacingStore();

        SavedRun<Stage> saved = (await SavedRun.LoadAsync(Workflow.Definition, store))!;

        Assert.Equal(2, store.SnapshotReads);
        Assert.Equal(4, saved.JournalSequence);
        Assert.Contains(Stage.Spec, saved.State.Completed);
    }

    /// <summary>Runs until <paramref name="stage"/> is called, copies the run's files (a crash at that instant) and lets the original finish.</summary>
    private static async Task<TestRun> CrashedAtAsync(string stage, WorkflowRunnerOptions? options = null)
    {
        using var original = new TestRun();
        TaskCompletionSource gate = original.Team.Gate(stage);
        Task<WorkflowResult> running = original.RunAsync(Workflow.Definition, options);
        await WhenCalledAsync(original.Team, stage);

        var copy = new TestRun();
        File.Copy(original.Store.StatePath, copy.Store.StatePath);
        if (File.Exists(original.Store.JournalPath))
        {
            File.Copy(original.Store.JournalPath, copy.Store.JournalPath);
        }

        string artifacts = Path.Combine(original.Directory, "artifacts");
        foreach (string file in Directory.GetFiles(artifacts, "*", SearchOption.AllDirectories))
        {
            string target = Path.Combine(copy.Directory, "artifacts", Path.GetRelativePath(artifacts, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }

        gate.SetResult();
        await running;
        return copy;
    }

    private static Task WhenCalledAsync(FakeTeam team, string stage) =>
        TestSupport.WaitUntilAsync(() => team.Calls.Any(call => call.Context.Stage == stage), $"a call of {stage}");

    private sealed class SnapshotOnlyStore : IWorkflowStateStore
    {
        private readonly InMemoryStateStore _inner = new();

        public int Saves { get; private set; }

        public OrchestrationStateDocument? Last { get; private set; }

        public string Location => _inner.Location;

        public ValueTask<OrchestrationStateDocument?> LoadAsync(System.Threading.CancellationToken cancellationToken) => _inner.LoadAsync(cancellationToken);

        public ValueTask SaveAsync(OrchestrationStateDocument state, System.Threading.CancellationToken cancellationToken)
        {
            (Saves, Last) = (Saves + 1, state);
            return _inner.SaveAsync(state, cancellationToken);
        }

        public IDisposable Lock() => _inner.Lock();
    }

    private sealed class CountingJournalStore : IWorkflowStateStore, IWorkflowJournal
    {
        public InMemoryStateStore Inner { get; } = new();

        public int Saves { get; private set; }

        public OrchestrationStateDocument? Last { get; private set; }

        public string Location => Inner.Location;

        public string JournalLocation => Inner.JournalLocation;

        public ValueTask<OrchestrationStateDocument?> LoadAsync(System.Threading.CancellationToken cancellationToken) => Inner.LoadAsync(cancellationToken);

        public ValueTask SaveAsync(OrchestrationStateDocument state, System.Threading.CancellationToken cancellationToken)
        {
            (Saves, Last) = (Saves + 1, state);
            return Inner.SaveAsync(state, cancellationToken);
        }

        public ValueTask AppendAsync(System.Collections.Generic.IReadOnlyList<JournalEntry> entries, System.Threading.CancellationToken cancellationToken) => Inner.AppendAsync(entries, cancellationToken);

        public ValueTask<System.Collections.Generic.IReadOnlyList<JournalEntry>> ReadJournalAsync(System.Threading.CancellationToken cancellationToken) => Inner.ReadJournalAsync(cancellationToken);

        public IDisposable Lock() => Inner.Lock();
    }

    /// <summary>Records each append's stages, and holds an append while <see cref="Hold"/> is set, as a slow disk would.</summary>
    private sealed class HoldingJournalStore : IWorkflowStateStore, IWorkflowJournal
    {
        private readonly InMemoryStateStore _inner = new();

        public TaskCompletionSource? Hold { get; set; }

        public bool Held { get; private set; }

        public System.Collections.Concurrent.ConcurrentQueue<string[]> Appends { get; } = new();

        public string Location => _inner.Location;

        public string JournalLocation => _inner.JournalLocation;

        public ValueTask<OrchestrationStateDocument?> LoadAsync(System.Threading.CancellationToken cancellationToken) => _inner.LoadAsync(cancellationToken);

        public ValueTask SaveAsync(OrchestrationStateDocument state, System.Threading.CancellationToken cancellationToken) => _inner.SaveAsync(state, cancellationToken);

        public async ValueTask AppendAsync(System.Collections.Generic.IReadOnlyList<JournalEntry> entries, System.Threading.CancellationToken cancellationToken)
        {
            Appends.Enqueue(entries.Select(entry => entry.Stage ?? entry.Event).ToArray());
            if (Hold is { } hold)
            {
                Held = true;
                Hold = null;
                await hold.Task;
            }

            await _inner.AppendAsync(entries, cancellationToken);
        }

        public ValueTask<System.Collections.Generic.IReadOnlyList<JournalEntry>> ReadJournalAsync(System.Threading.CancellationToken cancellationToken) => _inner.ReadJournalAsync(cancellationToken);

        public IDisposable Lock() => _inner.Lock();
    }

    /// <summary>Journal appends fail after a number of them, as on a full disk.</summary>
    private sealed class FailingJournalStore(int failAfter) : IWorkflowStateStore, IWorkflowJournal
    {
        private readonly InMemoryStateStore _inner = new();
        private int _appends;

        public string Location => _inner.Location;

        public string JournalLocation => _inner.JournalLocation;

        public ValueTask<OrchestrationStateDocument?> LoadAsync(System.Threading.CancellationToken cancellationToken) => _inner.LoadAsync(cancellationToken);

        public ValueTask SaveAsync(OrchestrationStateDocument state, System.Threading.CancellationToken cancellationToken) => _inner.SaveAsync(state, cancellationToken);

        public ValueTask AppendAsync(System.Collections.Generic.IReadOnlyList<JournalEntry> entries, System.Threading.CancellationToken cancellationToken) =>
            ++_appends > failAfter ? throw new System.IO.IOException("No space left on device") : _inner.AppendAsync(entries, cancellationToken);

        public ValueTask<System.Collections.Generic.IReadOnlyList<JournalEntry>> ReadJournalAsync(System.Threading.CancellationToken cancellationToken) => _inner.ReadJournalAsync(cancellationToken);

        public IDisposable Lock() => _inner.Lock();
    }

    /// <summary>
    /// The first snapshot read is an old one, but the journal already belongs to the next snapshot, as when a running
    /// process writes a snapshot between a reader's two reads.
    /// </summary>
    private sealed class RacingStore : IWorkflowStateStore, IWorkflowJournal
    {
        public int SnapshotReads { get; private set; }

        public string Location => "racing";

        public string JournalLocation => "racing journal";

        public ValueTask<OrchestrationStateDocument?> LoadAsync(System.Threading.CancellationToken cancellationToken)
        {
            SnapshotReads++;
            return ValueTask.FromResult<OrchestrationStateDocument?>(SnapshotReads == 1
                ? new OrchestrationStateDocument { Status = "in_progress", CurrentStage = "SETUP", CompletedStages = [], JournalSequence = 0 }
                : new OrchestrationStateDocument { Status = "in_progress", CurrentStage = "SPEC", CompletedStages = ["SETUP", "BUSINESS_PROBLEM"], JournalSequence = 2, StageOutputs = new() { ["SETUP"] = "s", ["BUSINESS_PROBLEM"] = "b" } });
        }

        public ValueTask SaveAsync(OrchestrationStateDocument state, System.Threading.CancellationToken cancellationToken) => throw new NotSupportedException();

        public ValueTask AppendAsync(System.Collections.Generic.IReadOnlyList<JournalEntry> entries, System.Threading.CancellationToken cancellationToken) => throw new NotSupportedException();

        public ValueTask<System.Collections.Generic.IReadOnlyList<JournalEntry>> ReadJournalAsync(System.Threading.CancellationToken cancellationToken) =>
            ValueTask.FromResult<System.Collections.Generic.IReadOnlyList<JournalEntry>>(
            [
                new JournalEntry { Sequence = 3, Event = "stage_succeeded", Stage = "SPEC", Text = "the spec" },
                new JournalEntry { Sequence = 4, Event = "review_work_done", Stage = "SPEC_REVIEW", Iteration = 1, Text = "the spec, revised" },
            ]);

        public IDisposable Lock() => throw new NotSupportedException();
    }
}
