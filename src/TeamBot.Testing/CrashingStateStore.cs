using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using TeamBot.State;

namespace TeamBot.Testing;

/// <summary>
/// A run's store as one session sees it: every durable write is counted, and at the trial's crash point the session
/// dies there. After that it can make nothing durable, as a killed process could not.
/// </summary>
internal sealed class CrashingStateStore : IWorkflowStateStore, IWorkflowJournal
{
    private readonly IWorkflowStateStore _store;
    private readonly IWorkflowJournal _journal;
    private readonly CrashPlan _plan;
    private bool _dead;

    public CrashingStateStore(IWorkflowStateStore store, CrashPlan plan)
    {
        _store = store;
        _journal = store as IWorkflowJournal
            ?? throw new ArgumentException($"The crash matrix needs a store with a journal ({nameof(IWorkflowJournal)}); '{store.Location}' has none.", nameof(store));
        _plan = plan;
    }

    public string Location => _store.Location;

    public string JournalLocation => _journal.JournalLocation;

    public ValueTask<OrchestrationStateDocument?> LoadAsync(CancellationToken cancellationToken) => _store.LoadAsync(cancellationToken);

    public ValueTask<IReadOnlyList<JournalEntry>> ReadJournalAsync(CancellationToken cancellationToken) => _journal.ReadJournalAsync(cancellationToken);

    public IDisposable Lock() => _store.Lock();

    public async ValueTask SaveAsync(OrchestrationStateDocument state, CancellationToken cancellationToken)
    {
        BeforeWrite();
        if (_plan.CrashesAt(CrashMoment.InsideWrite))
        {
            // The snapshot is in place but the journal it folds in is not yet cleared: readers must skip those entries.
            IReadOnlyList<JournalEntry> folded = await _journal.ReadJournalAsync(cancellationToken).ConfigureAwait(false);
            await _store.SaveAsync(state, cancellationToken).ConfigureAwait(false);
            await _journal.AppendAsync(folded, cancellationToken).ConfigureAwait(false);
            _plan.Wrote(snapshot: true, []);
            throw Die();
        }

        await _store.SaveAsync(state, cancellationToken).ConfigureAwait(false);
        _plan.Wrote(snapshot: true, []);
        AfterWrite();
    }

    public async ValueTask AppendAsync(IReadOnlyList<JournalEntry> entries, CancellationToken cancellationToken)
    {
        BeforeWrite();
        if (_plan.CrashesAt(CrashMoment.InsideWrite))
        {
            // A torn append keeps a prefix of the round's entries.
            JournalEntry[] prefix = entries.Take(entries.Count / 2).ToArray();
            await _journal.AppendAsync(prefix, cancellationToken).ConfigureAwait(false);
            _plan.Wrote(snapshot: false, prefix);
            throw Die();
        }

        await _journal.AppendAsync(entries, cancellationToken).ConfigureAwait(false);
        _plan.Wrote(snapshot: false, entries);
        AfterWrite();
    }

    private void BeforeWrite()
    {
        if (_dead)
        {
            throw new SimulatedCrashException("The session crashed; it can write nothing more.");
        }

        if (_plan.CrashesAt(CrashMoment.BeforeWrite))
        {
            throw Die();
        }
    }

    private void AfterWrite()
    {
        // The write is durable; the crash point for it is "after", which CrashesAt checks against the next write number.
        if (_plan.CrashedAfter())
        {
            throw Die();
        }
    }

    private SimulatedCrashException Die()
    {
        _dead = true;
        return _plan.Crash();
    }
}
