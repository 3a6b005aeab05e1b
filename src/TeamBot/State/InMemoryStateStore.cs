using System;
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
    private readonly List<byte[]> _journal = [];
    private byte[]? _json;
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
                return _journal.Count;
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
                return _json;
            }
        }
    }

    /// <inheritdoc/>
    public ValueTask<OrchestrationStateDocument?> LoadAsync(CancellationToken cancellationToken)
    {
        byte[]? json;
        lock (_gate)
        {
            json = _json;
        }

        return ValueTask.FromResult(json is null ? null : JsonSerializer.Deserialize(json, StateJsonContext.Default.OrchestrationStateDocument));
    }

    /// <inheritdoc/>
    public ValueTask SaveAsync(OrchestrationStateDocument state, CancellationToken cancellationToken)
    {
        byte[] json = JsonSerializer.SerializeToUtf8Bytes(state, StateJsonContext.Default.OrchestrationStateDocument);
        lock (_gate)
        {
            _json = json;
            _journal.Clear();
        }

        return ValueTask.CompletedTask;
    }

    /// <inheritdoc/>
    public ValueTask AppendAsync(IReadOnlyList<JournalEntry> entries, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entries);
        byte[] line = JournalLines.ToLines(entries);
        lock (_gate)
        {
            _journal.Add(line);
        }

        return ValueTask.CompletedTask;
    }

    /// <inheritdoc/>
    public ValueTask<IReadOnlyList<JournalEntry>> ReadJournalAsync(CancellationToken cancellationToken)
    {
        byte[] all;
        lock (_gate)
        {
            all = _journal.SelectMany(line => line).ToArray();
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
