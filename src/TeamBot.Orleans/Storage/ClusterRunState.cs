using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using TeamBot.Definitions;
using TeamBot.State;

namespace TeamBot.Orleans.Storage;

/// <summary>Reads a cluster run's saved state straight from the backend, as <c>teambot status</c> reads a state file.</summary>
public static class ClusterRunState
{
    /// <summary>Loads run <paramref name="runId"/> of service <paramref name="serviceId"/>: its snapshot with its journal replayed.</summary>
    /// <returns>The run, or <see langword="null"/> when the backend holds none.</returns>
    /// <exception cref="WorkflowStateException">The saved state is corrupt or names stages the workflow lacks.</exception>
    public static ValueTask<SavedRun<TStage>?> LoadAsync<TStage>(IWorkflowDefinition<TStage> workflow, IJsonStateBackend backend, string serviceId, string runId, CancellationToken cancellationToken = default)
        where TStage : struct, Enum
    {
        ArgumentNullException.ThrowIfNull(backend);
        return SavedRun.LoadAsync(workflow, Open(backend, serviceId, runId), cancellationToken);
    }

    /// <summary>
    /// Opens run <paramref name="runId"/> of service <paramref name="serviceId"/> for reading, as a resume would read it:
    /// a store (with its journal) for <see cref="SavedRun.LoadAsync{TStage}(IWorkflowDefinition{TStage}, IWorkflowStateStore, CancellationToken)"/>
    /// and the like. Only the run's grain writes a cluster run, so the store's writes and lock throw.
    /// </summary>
    /// <returns>A read-only store that also implements <see cref="IWorkflowJournal"/>.</returns>
    public static IWorkflowStateStore Open(IJsonStateBackend backend, string serviceId, string runId)
    {
        ArgumentNullException.ThrowIfNull(backend);
        ArgumentException.ThrowIfNullOrWhiteSpace(serviceId);
        ArgumentException.ThrowIfNullOrWhiteSpace(runId);
        return new Reader(backend, serviceId, runId);
    }

    private sealed class Reader(IJsonStateBackend backend, string serviceId, string runId) : IWorkflowStateStore, IWorkflowJournal
    {
        public string Location => JsonGrainStorage.Key(serviceId, "run", runId);

        public string JournalLocation => JsonGrainStorage.Key(serviceId, "journal", runId);

        public async ValueTask<OrchestrationStateDocument?> LoadAsync(CancellationToken cancellationToken)
        {
            (byte[]? json, _) = await backend.ReadAsync(Location, cancellationToken).ConfigureAwait(false);
            return json is null ? null : JsonGrainStorage.Deserialize<OrchestrationStateDocument>(json, Location);
        }

        public async ValueTask<IReadOnlyList<JournalEntry>> ReadJournalAsync(CancellationToken cancellationToken)
        {
            (byte[]? json, _) = await backend.ReadAsync(JournalLocation, cancellationToken).ConfigureAwait(false);
            return json is null ? [] : JsonGrainStorage.Deserialize<RunJournal>(json, JournalLocation).Entries;
        }

        public ValueTask SaveAsync(OrchestrationStateDocument state, CancellationToken cancellationToken) => throw new NotSupportedException("A cluster run is saved by its grain.");

        public ValueTask AppendAsync(IReadOnlyList<JournalEntry> entries, CancellationToken cancellationToken) => throw new NotSupportedException("A cluster run is saved by its grain.");

        public IDisposable Lock() => throw new NotSupportedException("A cluster run is saved by its grain.");
    }
}
