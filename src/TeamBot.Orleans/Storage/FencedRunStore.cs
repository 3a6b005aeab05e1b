using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using TeamBot.State;

namespace TeamBot.Orleans.Storage;

/// <summary>
/// The store a session's driver sees: the (decorated) store, with the session's fence. Store decorators know nothing of
/// fences, so the fence goes outside them, where the driver looks for it; the grain's own store checks it on its writes.
/// </summary>
internal class FencedRunStore : IWorkflowStateStore, IRunFence
{
    private readonly IWorkflowStateStore _inner;
    private readonly IRunFence _fence;

    private FencedRunStore(IWorkflowStateStore inner, IRunFence fence)
    {
        _inner = inner;
        _fence = fence;
    }

    public string Location => _inner.Location;

    /// <summary>Gives <paramref name="store"/> the fence, keeping its journal if it has one.</summary>
    public static IWorkflowStateStore Wrap(IWorkflowStateStore store, IRunFence fence) =>
        store is IWorkflowJournal journal ? new WithJournal(store, journal, fence) : new FencedRunStore(store, fence);

    public ValueTask EnsureCurrentAsync(CancellationToken cancellationToken) => _fence.EnsureCurrentAsync(cancellationToken);

    public ValueTask<OrchestrationStateDocument?> LoadAsync(CancellationToken cancellationToken) => _inner.LoadAsync(cancellationToken);

    public ValueTask SaveAsync(OrchestrationStateDocument state, CancellationToken cancellationToken) => _inner.SaveAsync(state, cancellationToken);

    public IDisposable Lock() => _inner.Lock();

    private sealed class WithJournal(IWorkflowStateStore inner, IWorkflowJournal journal, IRunFence fence) : FencedRunStore(inner, fence), IWorkflowJournal
    {
        public string JournalLocation => journal.JournalLocation;

        public ValueTask AppendAsync(IReadOnlyList<JournalEntry> entries, CancellationToken cancellationToken) => journal.AppendAsync(entries, cancellationToken);

        public ValueTask<IReadOnlyList<JournalEntry>> ReadJournalAsync(CancellationToken cancellationToken) => journal.ReadJournalAsync(cancellationToken);
    }
}
