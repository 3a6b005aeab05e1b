using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using TeamBot.State;
using TeamBot.Testing;

namespace TeamBot.Tests.Durability.Cluster;

/// <summary>
/// The store a run grain's session saves through on the crash-test cluster: the trial's crashing store, which tells the
/// session when it crashed, and that the grain let go of it (the grain disposes it once its driver has returned).
/// </summary>
internal sealed class TrialStore(IWorkflowStateStore crashing, ClusterTrialSession session) : IWorkflowStateStore, IWorkflowJournal, IDisposable
{
    private readonly IWorkflowJournal _journal = (IWorkflowJournal)crashing;

    public string Location => crashing.Location;

    public string JournalLocation => _journal.JournalLocation;

    public ValueTask<OrchestrationStateDocument?> LoadAsync(CancellationToken cancellationToken) => crashing.LoadAsync(cancellationToken);

    public ValueTask<IReadOnlyList<JournalEntry>> ReadJournalAsync(CancellationToken cancellationToken) => _journal.ReadJournalAsync(cancellationToken);

    public async ValueTask SaveAsync(OrchestrationStateDocument state, CancellationToken cancellationToken)
    {
        try
        {
            await crashing.SaveAsync(state, cancellationToken).ConfigureAwait(false);
        }
        catch (SimulatedCrashException crash)
        {
            session.Crash(crash);
            throw;
        }
    }

    public async ValueTask AppendAsync(IReadOnlyList<JournalEntry> entries, CancellationToken cancellationToken)
    {
        try
        {
            await _journal.AppendAsync(entries, cancellationToken).ConfigureAwait(false);
        }
        catch (SimulatedCrashException crash)
        {
            session.Crash(crash);
            throw;
        }
    }

    public IDisposable Lock() => crashing.Lock();

    public void Dispose() => session.End();
}
