using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using TeamBot.Definitions;
using TeamBot.Rules;
using TeamBot.State;

namespace TeamBot.Execution;

/// <summary>
/// Keeps a run durable: each decision round's events go to the store's journal with one flush, and a snapshot of the
/// whole state is written only when the journal has grown enough to be worth folding in.
/// </summary>
internal sealed class RunRecorder<TStage>
    where TStage : struct, Enum
{
    private readonly IWorkflowStateStore _store;
    private readonly IWorkflowJournal? _journal;
    private readonly RunStateMapper<TStage> _mapper;
    private readonly JournalEventMapper<TStage> _events;
    private readonly ExecutionPolicy _policy;
    private readonly int _snapshotInterval;
    private readonly List<JournalEntry> _pending = [];
    private OrchestrationStateDocument? _previous;
    private long _sequence;
    private long _sinceSnapshot;
    private bool _snapshotTaken;

    public RunRecorder(IWorkflowDefinition<TStage> workflow, IWorkflowStateStore store, RunStateMapper<TStage> mapper, WorkflowRunnerOptions options, OrchestrationStateDocument? previous, long journalSequence)
    {
        _store = store;
        _journal = store as IWorkflowJournal;
        _mapper = mapper;
        _events = new JournalEventMapper<TStage>(workflow);
        _policy = options.Policy;
        _snapshotInterval = Math.Max(1, options.SnapshotInterval);
        _previous = previous;
        _sequence = journalSequence;
    }

    /// <summary>
    /// Records the round's events before any of their commands is carried out, so that a crash from here on replays them.
    /// <see cref="RunStarted{TStage}"/> is recorded by a snapshot instead: it makes the journal start afresh under this
    /// session's policy, which is the one a replay of the entries that follow must use.
    /// </summary>
    public async Task RecordAsync(IReadOnlyList<ExecutionEvent<TStage>> events, RunState<TStage> state, RunMetadata metadata)
    {
        if (_journal is null)
        {
            return;
        }

        if (events is [RunStarted<TStage>])
        {
            await SnapshotAsync(state, metadata).ConfigureAwait(false);
            return;
        }

        _pending.Clear();
        foreach (ExecutionEvent<TStage> @event in events)
        {
            _pending.Add(_events.ToEntry(@event, ++_sequence, metadata.Elapsed));
        }

        // Like a save, never cancelled: the event of a cancelled run is exactly what must be kept.
        await _journal.AppendAsync(_pending, CancellationToken.None).ConfigureAwait(false);
        _sinceSnapshot += _pending.Count;
    }

    /// <summary>Saves the state: with a journal, only when a snapshot is due, since every event is already durable.</summary>
    public async Task SaveAsync(RunState<TStage> state, RunMetadata metadata)
    {
        if (_journal is not null && _snapshotTaken && !SnapshotDue(state))
        {
            return;
        }

        await SnapshotAsync(state, metadata).ConfigureAwait(false);
    }

    /// <summary>
    /// A finished run is left in one file. Otherwise a snapshot waits for the interval and for a quarter of the run's
    /// events so far: snapshots then grow geometrically apart, so their total cost stays linear in the run's length
    /// however large the state gets, and a resume replays at most about a fifth of the run.
    /// </summary>
    private bool SnapshotDue(RunState<TStage> state) =>
        _sinceSnapshot > 0 && (state.IsFinished || _sinceSnapshot >= Math.Max(_snapshotInterval, _sequence / 4));

    private async Task SnapshotAsync(RunState<TStage> state, RunMetadata metadata)
    {
        OrchestrationStateDocument document = _mapper.ToDocument(state, metadata, _previous);
        if (_journal is not null)
        {
            document.JournalSequence = _sequence;
            document.ExecutionPolicy = ExecutionPolicyEntry.From(_policy);
        }

        // Saving must not be cancelled: the state of a cancelled or timed-out run is exactly what must be kept.
        await _store.SaveAsync(document, CancellationToken.None).ConfigureAwait(false);
        _previous = document;
        _snapshotTaken = true;
        _sinceSnapshot = 0;
    }
}
