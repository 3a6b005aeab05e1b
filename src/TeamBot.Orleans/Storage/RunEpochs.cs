using System;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Orleans.Storage;
using TeamBot.State;

namespace TeamBot.Orleans.Storage;

/// <summary>
/// The runs' epochs in the state backend. Orleans keeps one activation per grain only while its grain directory is
/// intact: when a silo dies the directory can lose an entry, and a second activation of a run may start while the first
/// still works. Each session therefore takes the run over by incrementing its epoch (an etag-checked write, so two
/// activations cannot take the same epoch), and every side effect of a session checks that the epoch is still its own.
/// </summary>
internal sealed class RunEpochs(IJsonStateBackend backend, string serviceId)
{
    /// <summary>Takes run <paramref name="runId"/> over: from now on, sessions holding an earlier epoch are refused.</summary>
    /// <returns>This session's epoch.</returns>
    /// <exception cref="RunFencedException">Another activation took the run over at the same moment.</exception>
    public async Task<long> TakeOverAsync(string runId, CancellationToken cancellationToken)
    {
        string key = Key(runId);
        (byte[]? json, string? etag) = await backend.ReadAsync(key, cancellationToken).ConfigureAwait(false);
        long epoch = (json is null ? 0 : JsonGrainStorage.Deserialize<RunEpoch>(json, key).Epoch) + 1;
        try
        {
            await backend.WriteAsync(key, Serialize(epoch), etag, cancellationToken).ConfigureAwait(false);
        }
        catch (InconsistentStateException ex)
        {
            throw new RunFencedException($"Run '{runId}' was taken over by another activation while this one was taking it over.", ex);
        }

        return epoch;
    }

    /// <summary>
    /// Whether this silo's storage shows run <paramref name="runId"/> taken over since <paramref name="epoch"/>. A silo
    /// that holds no epoch for the run cannot tell (state in each silo's own memory, for development), so that is not
    /// stale: the run's own session checks its fence before and after every call in any case.
    /// </summary>
    public async ValueTask<bool> IsTakenOverAsync(string runId, long epoch, CancellationToken cancellationToken)
    {
        string key = Key(runId);
        (byte[]? json, _) = await backend.ReadAsync(key, cancellationToken).ConfigureAwait(false);
        return json is not null && JsonGrainStorage.Deserialize<RunEpoch>(json, key).Epoch != epoch;
    }

    /// <summary>Returns when <paramref name="epoch"/> is still run <paramref name="runId"/>'s epoch.</summary>
    /// <exception cref="RunFencedException">An activation took the run over since.</exception>
    /// <exception cref="RunStorageException">The epoch could not be read: the session stops, as when a save fails.</exception>
    public async ValueTask EnsureCurrentAsync(string runId, long epoch, CancellationToken cancellationToken)
    {
        string key = Key(runId);
        long current;
        try
        {
            (byte[]? json, _) = await backend.ReadAsync(key, cancellationToken).ConfigureAwait(false);
            current = json is null ? 0 : JsonGrainStorage.Deserialize<RunEpoch>(json, key).Epoch;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Not the work's fault: a session that cannot tell whether it still owns the run must not go on, nor record a
            // stage failure for it; the run resumes from its saved state once the database answers.
            throw new RunStorageException($"Run '{runId}': whether this session (epoch {epoch}) still owns it could not be read from '{key}': {ex.Message}", ex) { Path = key };
        }

        if (current != epoch)
        {
            throw new RunFencedException($"Run '{runId}' was taken over by another activation (epoch {current}); this one (epoch {epoch}) stops without writing anything more.");
        }
    }

    /// <summary>The epoch record's key: <c>{serviceId}/epoch/{runId}</c>.</summary>
    public string Key(string runId) => JsonGrainStorage.Key(serviceId, "epoch", runId);

    /// <summary>The record holding <paramref name="epoch"/>, as this store writes it.</summary>
    public static byte[] Serialize(long epoch) => JsonSerializer.SerializeToUtf8Bytes(new RunEpoch { Epoch = epoch }, ClusterJsonContext.Default.RunEpoch);
}
