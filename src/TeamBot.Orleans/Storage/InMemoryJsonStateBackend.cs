using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Orleans.Storage;
using TeamBot.Orleans.Contracts;

namespace TeamBot.Orleans.Storage;

/// <summary>
/// Grain states in this process's memory: for development on one machine, and for tests whose silos share a process.
/// Unlike Orleans' memory storage it does not live in a grain, so it survives a silo's death in such tests.
/// </summary>
public sealed class InMemoryJsonStateBackend : IJsonStateBackend, IRunIndexBackend
{
    private readonly ConcurrentDictionary<string, (byte[] Json, long Version)> _documents = new();
    private readonly Dictionary<(string Service, string Run), (long Position, bool Finished)> _runs = [];
    private readonly Lock _gate = new();
    private long _position;

    /// <summary>Gets the documents' keys.</summary>
    internal System.Collections.Generic.ICollection<string> Keys => _documents.Keys;

    /// <summary>Gets a document's JSON, or <see langword="null"/>.</summary>
    internal byte[]? Get(string key) => _documents.TryGetValue(key, out var document) ? document.Json : null;

    /// <inheritdoc/>
    public Task<(byte[]? Json, string? ETag)> ReadAsync(string key, CancellationToken cancellationToken) =>
        Task.FromResult(_documents.TryGetValue(key, out var document) ? ((byte[]?)document.Json, (string?)ETag(document.Version)) : (null, null));

    /// <inheritdoc/>
    public Task<string> WriteAsync(string key, byte[] json, string? expectedETag, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            long version = Check(key, expectedETag) + 1;
            _documents[key] = (json, version);
            return Task.FromResult(ETag(version));
        }
    }

    /// <inheritdoc/>
    public Task DeleteAsync(string key, string? expectedETag, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            Check(key, expectedETag);
            _documents.TryRemove(key, out _);
            return Task.CompletedTask;
        }
    }

    /// <inheritdoc/>
    public Task AddRunAsync(string serviceId, string runId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _runs.TryAdd((serviceId, runId), (++_position, false));
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public Task MarkRunAsync(string serviceId, string runId, bool finished, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_runs.TryGetValue((serviceId, runId), out var run))
            {
                _runs[(serviceId, runId)] = (run.Position, finished);
            }
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public Task<IReadOnlyList<RunIndexEntry>> ListRunsAsync(string serviceId, RunListFilter filter, long after, int limit, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<RunIndexEntry>>(_runs
                .Where(run => run.Key.Service == serviceId && run.Value.Position > after && filter switch
                {
                    RunListFilter.Finished => run.Value.Finished,
                    RunListFilter.Unfinished => !run.Value.Finished,
                    _ => true,
                })
                .OrderBy(run => run.Value.Position)
                .Take(limit)
                .Select(run => new RunIndexEntry(run.Key.Run, run.Value.Position, run.Value.Finished, run.Value.Finished ? Get(JsonGrainStorage.Key(serviceId, "run", run.Key.Run)) : null))
                .ToList());
        }
    }

    private long Check(string key, string? expectedETag)
    {
        long current = _documents.TryGetValue(key, out var document) ? document.Version : 0;
        string? currentETag = current == 0 ? null : ETag(current);
        if (currentETag != expectedETag)
        {
            throw new InconsistentStateException($"The state '{key}' was written by someone else.", currentETag ?? "none", expectedETag ?? "none");
        }

        return current;
    }

    private static string ETag(long version) => version.ToString(CultureInfo.InvariantCulture);
}
