using System;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Threading.Tasks;
using Orleans;
using Orleans.Runtime;
using Orleans.Storage;
using TeamBot.State;

namespace TeamBot.Orleans.Storage;

/// <summary>
/// The grain storage of TeamBot's grains: each state is written with System.Text.Json's source-generated contexts, so a
/// run's saved state is byte for byte what <see cref="FileStateStore"/> writes and loads.
/// </summary>
internal sealed class JsonGrainStorage(IJsonStateBackend backend, string serviceId) : IGrainStorage
{
    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        string key = Key(serviceId, stateName, grainId.Key.ToString()!);
        (byte[]? json, string? etag) = await backend.ReadAsync(key, default).ConfigureAwait(false);
        grainState.ETag = etag;
        grainState.RecordExists = json is not null;
        if (json is not null)
        {
            grainState.State = Deserialize<T>(json, key);
        }
    }

    /// <summary>Reads a state this storage wrote; a corrupt one is an error naming its key, and is left as it is.</summary>
    public static T Deserialize<T>(byte[] json, string key)
    {
        try
        {
            return JsonSerializer.Deserialize(json, Info<T>()) ?? throw new WorkflowStateException($"The saved state '{key}' holds null. It was left unchanged.");
        }
        catch (JsonException ex)
        {
            throw new WorkflowStateException($"The saved state '{key}' is corrupt: {ex.Message} It was left unchanged.", ex);
        }
    }

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        byte[] json = JsonSerializer.SerializeToUtf8Bytes(grainState.State!, Info<T>());
        grainState.ETag = await backend.WriteAsync(Key(serviceId, stateName, grainId.Key.ToString()!), json, grainState.ETag, default).ConfigureAwait(false);
        grainState.RecordExists = true;
    }

    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        await backend.DeleteAsync(Key(serviceId, stateName, grainId.Key.ToString()!), grainState.ETag, default).ConfigureAwait(false);
        grainState.ETag = null;
        grainState.RecordExists = false;
    }

    /// <summary>
    /// The row key: the service, the state's name and the grain's key (for a run, <c>teambot/run/add-export</c>), so
    /// that several services can share one database, as Orleans' <c>ServiceId</c> intends.
    /// </summary>
    public static string Key(string serviceId, string stateName, string grainKey) => $"{serviceId}/{stateName}/{grainKey}";

    private static JsonTypeInfo<T> Info<T>() =>
        (JsonTypeInfo<T>?)(StateJsonContext.Default.GetTypeInfo(typeof(T)) ?? ClusterJsonContext.Default.GetTypeInfo(typeof(T)))
        ?? throw new NotSupportedException($"TeamBot's grain storage keeps only TeamBot's states, not {typeof(T)}.");
}
