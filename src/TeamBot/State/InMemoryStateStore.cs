using System;
using System.Buffers;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace TeamBot.State;

/// <summary>
/// A state store in memory, for tests, benchmarks and hosts that persist elsewhere. It keeps the serialized JSON, not
/// the object, so it behaves like the file: what is loaded is what was saved, byte for byte.
/// </summary>
public sealed class InMemoryStateStore : IWorkflowStateStore, IWorkflowJournal
{
    private readonly Lock _gate = new();
    private readonly SegmentedBuffer _journal = new();
    private int _journalLength;

    // One buffer kept across saves: a large run's snapshot would otherwise be a new large-object-heap array each time.
    private readonly SegmentedBuffer _snapshot = new();
    private Utf8JsonWriter? _writer;
    private bool _saved;
    private bool _locked;

    /// <inheritdoc/>
    public string Location { get; init; } = "memory";

    /// <inheritdoc/>
    public string JournalLocation => Location + " (journal)";

    /// <summary>Gets the number of journal entries since the last snapshot.</summary>
    public int JournalLength
    {
        get
        {
            lock (_gate)
            {
                return _journalLength;
            }
        }
    }

    /// <summary>Gets the saved JSON, or <see langword="null"/>.</summary>
    public ReadOnlyMemory<byte>? Json
    {
        get
        {
            lock (_gate)
            {
                return _saved ? _snapshot.Written.ToArray() : null;
            }
        }
    }

    /// <inheritdoc/>
    public ValueTask<OrchestrationStateDocument?> LoadAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (!_saved)
            {
                return ValueTask.FromResult<OrchestrationStateDocument?>(null);
            }

            var reader = new Utf8JsonReader(_snapshot.Written);
            return ValueTask.FromResult(JsonSerializer.Deserialize(ref reader, StateJsonContext.Default.OrchestrationStateDocument));
        }
    }

    /// <inheritdoc/>
    public ValueTask SaveAsync(OrchestrationStateDocument state, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(state);
        lock (_gate)
        {
            _snapshot.Clear();
            _writer ??= new Utf8JsonWriter(_snapshot, new JsonWriterOptions { Indented = true });
            _writer.Reset(_snapshot);
            JsonSerializer.Serialize(_writer, state, StateJsonContext.Default.OrchestrationStateDocument);
            _writer.Flush();
            _saved = true;
            _journal.Clear();
            _journalLength = 0;
        }

        return ValueTask.CompletedTask;
    }

    /// <inheritdoc/>
    public ValueTask AppendAsync(IReadOnlyList<JournalEntry> entries, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entries);
        lock (_gate)
        {
            JournalLines.Write(entries, _journal);
            _journalLength += entries.Count;
        }

        return ValueTask.CompletedTask;
    }

    /// <inheritdoc/>
    public ValueTask<IReadOnlyList<JournalEntry>> ReadJournalAsync(CancellationToken cancellationToken)
    {
        byte[] all;
        lock (_gate)
        {
            all = _journal.Written.ToArray();
        }

        return ValueTask.FromResult<IReadOnlyList<JournalEntry>>(JournalLines.Parse(all, JournalLocation));
    }

    /// <inheritdoc/>
    public IDisposable Lock()
    {
        lock (_gate)
        {
            if (_locked)
            {
                throw new WorkflowStateLockedException($"The run in {Location} is already running.");
            }

            _locked = true;
        }

        return new Release(this);
    }

    private sealed class Release(InMemoryStateStore store) : IDisposable
    {
        public void Dispose()
        {
            lock (store._gate)
            {
                store._locked = false;
            }
        }
    }
}
