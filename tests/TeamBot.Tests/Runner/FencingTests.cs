using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using TeamBot.Agents;
using TeamBot.Execution;
using TeamBot.State;
using TeamBot.Tests.Fakes;
using TeamBot.Tests.Support;

namespace TeamBot.Tests.Runner;

/// <summary>
/// The driver's fence (<see cref="IRunFence"/>): once another session has taken the run over, this one uses no result,
/// writes no artifact and no state, and stops with <see cref="RunFencedException"/>.
/// </summary>
public sealed class FencingTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_session_taken_over_while_its_agent_works_records_no_result_writes_no_artifact_or_state_and_stops()
    {
        using var run = new TestRun();
        var store = new FencedStore();
        TaskCompletionSource gate = run.Team.Gate("IMPLEMENTATION");
        var driver = new RunDriver<Stage>(Workflow.Definition, AgentRegistry.ForAll(run.Team), new WorkflowRunnerOptions { WorkingDirectory = run.Directory });
        Task<WorkflowResult> session = driver.StartAsync(store, TestRun.Objective, run.Directory);
        await TestSupport.WaitUntilAsync(() => run.Team.Calls.Any(call => call.Context.Stage == "IMPLEMENTATION"));

        // Another session takes the run over, saves IMPLEMENTATION and writes its artifact; then the stale agent answers.
        string artifact = Path.Combine(run.Directory, "artifacts", "implementation_notes.md");
        const string TakenOver = "written by the session that took the run over\n";
        await File.WriteAllTextAsync(artifact, TakenOver);
        store.Stale = true;
        gate.SetResult();

        await Assert.ThrowsAsync<RunFencedException>(() => session.WaitAsync(Patience));
        Assert.Equal(TakenOver, await File.ReadAllTextAsync(artifact));
        Assert.Equal(0, store.WritesWhenStale);
        Assert.DoesNotContain(run.Team.Calls, call => call.Context.Stage == "IMPLEMENTATION_REVIEW");
        SavedRun<Stage> saved = await SavedRun.LoadAsync(Workflow.Definition, store) ?? throw new InvalidOperationException("nothing saved");
        Assert.DoesNotContain(Stage.Implementation, saved.State.Completed);
        Assert.Contains(Stage.PlanReview, saved.State.Completed);
    }

    [Fact]
    public async Task A_session_taken_over_between_stages_hands_out_no_more_work()
    {
        using var run = new TestRun();
        var store = new FencedStore();
        TaskCompletionSource gate = run.Team.Gate("SPEC");
        var driver = new RunDriver<Stage>(Workflow.Definition, AgentRegistry.ForAll(run.Team), new WorkflowRunnerOptions { WorkingDirectory = run.Directory });
        Task<WorkflowResult> session = driver.StartAsync(store, TestRun.Objective, run.Directory);
        await TestSupport.WaitUntilAsync(() => run.Team.Calls.Any(call => call.Context.Stage == "SPEC"));
        int calls = run.Team.Calls.Count;

        store.Stale = true;
        gate.SetResult();

        await Assert.ThrowsAsync<RunFencedException>(() => session.WaitAsync(Patience));
        Assert.Equal(calls, run.Team.Calls.Count);
        Assert.False(File.Exists(Path.Combine(run.Directory, "artifacts", "feature_spec.md")));
        Assert.Equal(0, store.WritesWhenStale);
    }

    /// <summary>A store another session can take over: then its fence and its writes refuse, as a cluster's do.</summary>
    private sealed class FencedStore : IWorkflowStateStore, IWorkflowJournal, IRunFence
    {
        private readonly InMemoryStateStore _inner = new();
        private int _writesWhenStale;

        public volatile bool Stale;

        public int WritesWhenStale => Volatile.Read(ref _writesWhenStale);

        public string Location => _inner.Location;

        public string JournalLocation => _inner.JournalLocation;

        public ValueTask EnsureCurrentAsync(CancellationToken cancellationToken) =>
            Stale ? throw new RunFencedException("taken over") : ValueTask.CompletedTask;

        public ValueTask<OrchestrationStateDocument?> LoadAsync(CancellationToken cancellationToken) => _inner.LoadAsync(cancellationToken);

        public ValueTask SaveAsync(OrchestrationStateDocument state, CancellationToken cancellationToken)
        {
            Refuse();
            return _inner.SaveAsync(state, cancellationToken);
        }

        public ValueTask AppendAsync(IReadOnlyList<JournalEntry> entries, CancellationToken cancellationToken)
        {
            Refuse();
            return _inner.AppendAsync(entries, cancellationToken);
        }

        public ValueTask<IReadOnlyList<JournalEntry>> ReadJournalAsync(CancellationToken cancellationToken) => _inner.ReadJournalAsync(cancellationToken);

        public IDisposable Lock() => _inner.Lock();

        private void Refuse()
        {
            if (Stale)
            {
                Interlocked.Increment(ref _writesWhenStale);
                throw new RunFencedException("taken over");
            }
        }
    }
}
