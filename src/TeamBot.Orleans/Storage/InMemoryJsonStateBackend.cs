using System.Collections.Concurrent;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using Orleans.Storage;

namespace TeamBot.Orleans.Storage;

/// <summary>
/// Grain states in this process's memory: for development on one machine, and for tests whose silos share a process.
/// Unlike Orleans' memory storage it does not live in a grain, so it survives a silo's death in such tests.
/// </summary>
public sealed class InMemoryJsonStateBackend : IJsonStateBackend
{
    private readonly ConcurrentDictionary<string, (byte[] Json, long Version)> _documents = new();
    private readonly Lock _gate = new();

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
