using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace TeamBot.State;

/// <summary>
/// A state store that also keeps a journal of the events since its last snapshot. The driver then appends one entry per
/// event and writes the whole document only now and then, so the cost of a save no longer grows with the run.
/// </summary>
/// <remarks>
/// <see cref="IWorkflowStateStore.SaveAsync"/> writes a snapshot whose <see cref="OrchestrationStateDocument.JournalSequence"/>
/// says which entries it already holds; the store may then drop them. Readers skip entries at or below that number, so a
/// crash between the snapshot and the clean-up loses nothing and applies nothing twice.
/// </remarks>
public interface IWorkflowJournal
{
    /// <summary>Gets a description of where the journal is, for messages.</summary>
    string JournalLocation { get; }

    /// <summary>
    /// Appends the entries of one decision round with one write: events that arrived together share one flush to disk.
    /// Once this returns, a crash keeps them all; a crash meanwhile keeps a prefix of them (a torn last entry is dropped
    /// by readers), which is a state the run could also have been in. The driver appends one round at a time, never two
    /// at once.
    /// </summary>
    ValueTask AppendAsync(IReadOnlyList<JournalEntry> entries, CancellationToken cancellationToken);

    /// <summary>Reads the entries in the order they were appended. A last entry torn by a crash is left out.</summary>
    /// <exception cref="WorkflowStateException">An entry before the last is corrupt; the journal is left as it is.</exception>
    ValueTask<IReadOnlyList<JournalEntry>> ReadJournalAsync(CancellationToken cancellationToken);
}
