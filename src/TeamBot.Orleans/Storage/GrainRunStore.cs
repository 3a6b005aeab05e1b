using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Orleans.Runtime;
using Orleans.Storage;
using TeamBot.State;

namespace TeamBot.Orleans.Storage;

/// <summary>
/// A run's state in grain storage, for the driver: the snapshot is one record, the journal another, so that a decision
/// writes its events only and a save no longer grows with the run. Entries the snapshot holds are dropped at the next
/// append; readers skip them by their numbers meanwhile.
/// </summary>
/// <remarks>
/// The driver continues on pool threads, but Orleans lets only the activation's own scheduler touch grain state, so
/// every access is queued there: it then also never overlaps a turn of the grain.
/// <para>
/// Every write first checks the session's <see cref="Fence"/>, and is etag-checked by the backend: a write of an
/// activation that another took the run over from is refused either way, with <see cref="RunFencedException"/>.
/// </para>
/// </remarks>
internal sealed class GrainRunStore(string runId, IPersistentState<OrchestrationStateDocument> snapshot, IPersistentState<RunJournal> journal) : IWorkflowStateStore, IWorkflowJournal
{
    private TaskScheduler _scheduler = TaskScheduler.Default;

    // Set once the run's silo is stopping: nothing may be saved after that, so that the session's stop is not recorded.
    private volatile bool _closed;

    public string Location => $"run '{runId}'";

    public string JournalLocation => $"run '{runId}' (journal)";

    /// <summary>Gets or sets the fence of the session that writes through this store now.</summary>
    public IRunFence? Fence { get; set; }

    /// <summary>Binds the store to its grain's activation; call on one of the grain's turns.</summary>
    public void Bind() => _scheduler = TaskScheduler.Current;

    /// <summary>
    /// Reads both records again: a session that has just taken the run over starts from what was saved until then,
    /// including what a stale activation wrote after this one was activated.
    /// </summary>
    public Task ReloadAsync() => OnGrain(async () =>
    {
        await snapshot.ReadStateAsync();
        await journal.ReadStateAsync();
        return true;
    });

    public ValueTask<OrchestrationStateDocument?> LoadAsync(CancellationToken cancellationToken) =>
        new(OnGrain(() => Task.FromResult(snapshot.RecordExists ? snapshot.State : null)));

    /// <summary>
    /// Refuses every later save: the run's silo is stopping, and the run must stay saved as it was, unfinished, for
    /// another silo to resume, exactly as if the silo had crashed. Its session's cancellation is no outcome of the run.
    /// </summary>
    public void Close() => _closed = true;

    public async ValueTask SaveAsync(OrchestrationStateDocument state, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(state);
        ThrowIfClosed();
        await FencedAsync(() => OnGrain(async () =>
        {
            snapshot.State = state;
            await snapshot.WriteStateAsync(cancellationToken);
            return true;
        }), cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask AppendAsync(IReadOnlyList<JournalEntry> entries, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entries);
        ThrowIfClosed();
        await FencedAsync(() => OnGrain(async () =>
        {
            long folded = snapshot.RecordExists ? snapshot.State.JournalSequence ?? 0 : 0;
            journal.State.Entries.RemoveAll(entry => entry.Sequence <= folded);
            journal.State.Entries.AddRange(entries);
            await journal.WriteStateAsync(cancellationToken);
            return true;
        }), cancellationToken).ConfigureAwait(false);
    }

    public ValueTask<IReadOnlyList<JournalEntry>> ReadJournalAsync(CancellationToken cancellationToken) =>
        new(OnGrain(() => Task.FromResult<IReadOnlyList<JournalEntry>>(journal.RecordExists ? journal.State.Entries.ToArray() : [])));

    private void ThrowIfClosed()
    {
        if (_closed)
        {
            throw new InvalidOperationException($"Run '{runId}' is not saved any more on this silo: the silo is stopping, and another resumes the run from its saved state.");
        }
    }

    /// <summary>
    /// Writes after checking the fence. The check and the write are two steps, so an activation can take the run over
    /// between them; the write is then still etag-checked, and whichever activation writes second with what it read
    /// before the other's write is refused: two activations never both extend the saved run.
    /// </summary>
    private async Task FencedAsync(Func<Task<bool>> write, CancellationToken cancellationToken)
    {
        if (Fence is { } fence)
        {
            await fence.EnsureCurrentAsync(cancellationToken).ConfigureAwait(false);
        }

        try
        {
            await write().ConfigureAwait(false);
        }
        catch (InconsistentStateException ex)
        {
            throw new RunFencedException($"Run '{runId}' was written by another activation; this one stops without writing anything more.", ex);
        }
    }

    private Task<T> OnGrain<T>(Func<Task<T>> action) =>
        TaskScheduler.Current == _scheduler ? action() : Task.Factory.StartNew(action, CancellationToken.None, TaskCreationOptions.None, _scheduler).Unwrap();

    /// <summary>The run's grain is its only writer: Orleans keeps one activation per run.</summary>
    public IDisposable Lock() => NoLock.Instance;

    private sealed class NoLock : IDisposable
    {
        public static readonly NoLock Instance = new();

        public void Dispose()
        {
        }
    }
}
