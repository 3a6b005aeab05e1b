using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using TeamBot.Orleans.Storage;
using TeamBot.State;

namespace TeamBot.Orleans.Tests;

/// <summary>A run as the cluster saved it, read straight from the backend: its snapshot with its journal replayed.</summary>
internal static class SavedClusterRun
{
    public static SavedRun<Stage>? Load(IJsonStateBackend backend, string run) =>
        SavedRun.LoadAsync(Workflow.Definition, new Reader(backend, run)).AsTask().GetAwaiter().GetResult();

    /// <summary>The stages the saved run calls completed: none of them may ever run again.</summary>
    public static HashSet<string> Completed(IJsonStateBackend backend, string run) =>
        Load(backend, run) is { } saved
            ? saved.State.Completed.Select(Workflow.Definition.GetStageName).ToHashSet(StringComparer.Ordinal)
            : [];

    private sealed class Reader(IJsonStateBackend backend, string run) : IWorkflowStateStore, IWorkflowJournal
    {
        public string Location => run;

        public string JournalLocation => run + " (journal)";

        public async ValueTask<OrchestrationStateDocument?> LoadAsync(CancellationToken cancellationToken)
        {
            (byte[]? json, _) = await backend.ReadAsync(TeamBotStorage.RunKey(SharedCluster.ServiceId, run), cancellationToken);
            return json is null ? null : JsonSerializer.Deserialize(json, StateJsonContext.Default.OrchestrationStateDocument);
        }

        public async ValueTask<IReadOnlyList<JournalEntry>> ReadJournalAsync(CancellationToken cancellationToken)
        {
            (byte[]? json, _) = await backend.ReadAsync(JsonGrainStorage.Key(SharedCluster.ServiceId, "journal", run), cancellationToken);
            return json is null ? [] : JsonSerializer.Deserialize(json, ClusterJsonContext.Default.RunJournal)!.Entries;
        }

        public ValueTask SaveAsync(OrchestrationStateDocument state, CancellationToken cancellationToken) => throw new NotSupportedException();

        public ValueTask AppendAsync(IReadOnlyList<JournalEntry> entries, CancellationToken cancellationToken) => throw new NotSupportedException();

        public IDisposable Lock() => throw new NotSupportedException();
    }
}
