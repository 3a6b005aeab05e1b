using TeamBot.State;

namespace TeamBot.Orleans.Storage;

/// <summary>
/// Wraps the store through which a run grain's sessions save their run: for auditing and fault injection (counting or
/// logging every write, failing one on purpose). Register implementations in the silo's services; each wraps the store
/// the previous one returned, in registration order. A silo without any saves straight to grain storage.
/// </summary>
/// <remarks>
/// <para>
/// <see cref="Decorate"/> is called at the start of every session of a run (its start, a resume, a failover), so a
/// decorator sees each session's writes on their own. It runs on the grain's turn: keep it quick. Throwing from it fails
/// the session before anything is run, as a save that fails does: the run stays as saved.
/// </para>
/// <para>
/// Return a store that also implements <see cref="IWorkflowJournal"/> when the given one does: without a journal the
/// driver saves whole snapshots instead of journal entries. If the returned store is <see cref="System.IAsyncDisposable"/>
/// or <see cref="System.IDisposable"/>, the grain disposes it once the session has ended, however it ended, and after
/// the driver has stopped touching it; a decorator that wraps another's store disposes that one itself.
/// </para>
/// </remarks>
public interface IRunStoreDecorator
{
    /// <summary>Wraps the store that one session of run <paramref name="runId"/> is about to save through.</summary>
    /// <param name="runId">The run, as the grain's key.</param>
    /// <param name="store">The store so far: the grain's own, or what the previous decorator returned.</param>
    /// <returns>The store the session saves through.</returns>
    IWorkflowStateStore Decorate(string runId, IWorkflowStateStore store);
}
