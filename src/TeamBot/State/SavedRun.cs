using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using TeamBot.Definitions;
using TeamBot.Rules;

namespace TeamBot.State;

/// <summary>A run as its store holds it: the last snapshot with the journal's later events replayed over it.</summary>
/// <typeparam name="TStage">The generated stage enum.</typeparam>
public sealed class SavedRun<TStage>
    where TStage : struct, Enum
{
    internal SavedRun(OrchestrationStateDocument document, RunState<TStage> state, long journalSequence, int replayedEntries, string? migratedFrom)
    {
        Document = document;
        State = state;
        JournalSequence = journalSequence;
        ReplayedEntries = replayedEntries;
        MigratedFrom = migratedFrom;
    }

    /// <summary>Gets the run's document, up to date: what a snapshot taken now would hold.</summary>
    public OrchestrationStateDocument Document { get; }

    /// <summary>Gets the rules' state.</summary>
    public RunState<TStage> State { get; }

    /// <summary>Gets the number of the last journal entry applied; 0 when there is none.</summary>
    public long JournalSequence { get; }

    /// <summary>Gets the number of journal entries replayed over the snapshot.</summary>
    public int ReplayedEntries { get; }

    /// <summary>
    /// Gets the workflow version the run was saved under when loading carried it over to the compiled one (in memory:
    /// the next save writes the migrated run); <see langword="null"/> when nothing was migrated.
    /// </summary>
    public string? MigratedFrom { get; }

    /// <summary>Gets the time the run has taken over all its sessions.</summary>
    public TimeSpan Elapsed => TimeSpan.FromSeconds(Document.ElapsedSeconds);
}

/// <summary>Loads saved runs.</summary>
public static class SavedRun
{
    /// <summary>Loads the run from <paramref name="store"/>, replaying its journal when it keeps one.</summary>
    /// <returns>The run, or <see langword="null"/> when the store holds none.</returns>
    /// <exception cref="WorkflowStateException">The snapshot or the journal is corrupt, or names stages the workflow lacks; both are left as they are.</exception>
    public static async ValueTask<SavedRun<TStage>?> LoadAsync<TStage>(IWorkflowDefinition<TStage> workflow, IWorkflowStateStore store, CancellationToken cancellationToken = default)
        where TStage : struct, Enum
    {
        ArgumentNullException.ThrowIfNull(workflow);
        ArgumentNullException.ThrowIfNull(store);

        // The snapshot and the journal are two reads. A running process may write a new snapshot and start a new
        // journal between them; the journal then starts past the snapshot read. Reading again resolves that race.
        for (int attempt = 1; ; attempt++)
        {
            try
            {
                return await LoadOnceAsync(workflow, store, cancellationToken).ConfigureAwait(false);
            }
            catch (JournalAheadException) when (attempt < 5)
            {
            }
            catch (JournalAheadException ex)
            {
                throw new WorkflowStateException(ex.Message, ex);
            }
        }
    }

    private static async ValueTask<SavedRun<TStage>?> LoadOnceAsync<TStage>(IWorkflowDefinition<TStage> workflow, IWorkflowStateStore store, CancellationToken cancellationToken)
        where TStage : struct, Enum
    {
        if (await store.LoadAsync(cancellationToken).ConfigureAwait(false) is not { } snapshot)
        {
            return null;
        }

        // A run saved under an earlier shipped version of the workflow is carried over by its names first, the snapshot
        // and the journal alike, so everything below sees only the compiled workflow's stages.
        IReadOnlyList<JournalEntry> read = store is IWorkflowJournal journal ? await journal.ReadJournalAsync(cancellationToken).ConfigureAwait(false) : [];
        StateMigration migrated = StateMigrator.Migrate(workflow, snapshot, read, store.Location);
        snapshot = migrated.Document;

        var mapper = new RunStateMapper<TStage>(workflow);
        RunState<TStage> state = mapper.ToState(snapshot, store.Location);
        long sequence = snapshot.JournalSequence ?? 0;
        if (read.Count == 0 || read[^1].Sequence <= sequence)
        {
            return new SavedRun<TStage>(snapshot, state, sequence, 0, migrated.FromVersion);
        }

        // The session that wrote the snapshot made the decisions the journal records, so replay them under its policy.
        string location = ((IWorkflowJournal)store).JournalLocation;
        var rules = new ExecutionRules<TStage>(workflow, snapshot.ExecutionPolicy?.ToPolicy() ?? new ExecutionPolicy());
        var events = new JournalEventMapper<TStage>(workflow);
        double elapsed = snapshot.ElapsedSeconds;
        int replayed = 0;
        int past = 0;
        for (int i = 0; i < read.Count; i++)
        {
            // The entries as read keep the numbering; a migrated entry is null for an event of a removed stage, passed over.
            (JournalEntry original, JournalEntry? entry) = (read[i], migrated.Entries[i]);
            if (original.Sequence <= sequence)
            {
                continue; // already in the snapshot: the run crashed after writing it, before clearing the journal
            }

            if (original.Sequence != sequence + 1)
            {
                string message = $"The journal '{location}' jumps from entry {sequence} to {original.Sequence}: entries are missing. It was left unchanged.";
                throw past == 0 ? new JournalAheadException(message) : new WorkflowStateException(message);
            }

            sequence = original.Sequence;
            past++;
            elapsed = Math.Max(elapsed, original.ElapsedSeconds);
            if (entry is not null)
            {
                state = rules.Decide(state, events.ToEvent(entry, location)).State;
                replayed++;
            }
        }

        var metadata = new RunMetadata(snapshot.ObjectiveFile ?? "", snapshot.FeatureName ?? "", snapshot.StagesConfigSource ?? "", TimeSpan.FromSeconds(elapsed), TimeSpan.FromSeconds(snapshot.MaxSeconds))
        {
            Budget = SavedBudget.Of(snapshot),
        };
        OrchestrationStateDocument document = mapper.ToDocument(state, metadata, snapshot);
        (document.ObjectiveFile, document.FeatureName, document.StagesConfigSource) = (snapshot.ObjectiveFile, snapshot.FeatureName, snapshot.StagesConfigSource);
        (document.JournalSequence, document.ExecutionPolicy) = (sequence, snapshot.ExecutionPolicy);
        return new SavedRun<TStage>(document, state, sequence, replayed, migrated.FromVersion);
    }

    /// <summary>The journal's first entry is past the snapshot: a new snapshot may have been written meanwhile.</summary>
    private sealed class JournalAheadException(string message) : Exception(message);
}
