using System.Threading;
using System.Threading.Tasks;

namespace TeamBot.Orleans.Storage;

/// <summary>Where TeamBot's grain states live, as JSON documents with an etag for optimistic concurrency.</summary>
public interface IJsonStateBackend
{
    /// <summary>Reads a document.</summary>
    /// <returns>The JSON and its etag, or <see langword="null"/> JSON when there is none.</returns>
    Task<(byte[]? Json, string? ETag)> ReadAsync(string key, CancellationToken cancellationToken);

    /// <summary>Writes a document if its etag is still <paramref name="expectedETag"/> (<see langword="null"/>: it must not exist).</summary>
    /// <returns>The new etag.</returns>
    /// <exception cref="global::Orleans.Storage.InconsistentStateException">Someone else wrote it meanwhile.</exception>
    Task<string> WriteAsync(string key, byte[] json, string? expectedETag, CancellationToken cancellationToken);

    /// <summary>Deletes a document if its etag is still <paramref name="expectedETag"/>.</summary>
    Task DeleteAsync(string key, string? expectedETag, CancellationToken cancellationToken);
}
