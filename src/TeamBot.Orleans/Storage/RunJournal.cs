using System.Collections.Generic;
using TeamBot.State;

namespace TeamBot.Orleans.Storage;

/// <summary>A run's journal in grain storage: the events since its last snapshot, in order.</summary>
internal sealed class RunJournal
{
    /// <summary>Gets or sets the entries.</summary>
    public List<JournalEntry> Entries { get; set; } = [];
}
