using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Npgsql;
using TeamBot.Orleans.Contracts;
using TeamBot.Orleans.Storage;

namespace TeamBot.Orleans.Tests.Faults;

/// <summary>
/// PostgreSQL storage whose connections are dropped by the server right before a chosen write of a run: the write then
/// runs on a connection the server has closed, as after a network cut or a server restart.
/// </summary>
internal sealed class DroppingBackend(PostgresJsonStateBackend inner, string adminConnection, string applicationName) : IJsonStateBackend, IRunIndexBackend
{
    private readonly ConcurrentDictionary<string, int> _writes = new(StringComparer.Ordinal);

    /// <summary>Gets, for each run, the write (counting from 0) before which the connections drop; runs not listed are left alone.</summary>
    public ConcurrentDictionary<string, int> DropBefore { get; } = new(StringComparer.Ordinal);

    /// <summary>Gets the runs whose connections were dropped.</summary>
    public ConcurrentBag<string> Dropped { get; } = [];

    /// <summary>Gets the writes each run made.</summary>
    public int WritesOf(string runId) => _writes.TryGetValue(runId, out int writes) ? writes : 0;

    public Task<(byte[]? Json, string? ETag)> ReadAsync(string key, CancellationToken cancellationToken) => inner.ReadAsync(key, cancellationToken);

    public async Task<string> WriteAsync(string key, byte[] json, string? expectedETag, CancellationToken cancellationToken)
    {
        await BeforeWriteAsync(key, cancellationToken);
        return await inner.WriteAsync(key, json, expectedETag, cancellationToken);
    }

    public async Task DeleteAsync(string key, string? expectedETag, CancellationToken cancellationToken)
    {
        await BeforeWriteAsync(key, cancellationToken);
        await inner.DeleteAsync(key, expectedETag, cancellationToken);
    }

    public Task AddRunAsync(string serviceId, string runId, CancellationToken cancellationToken) => inner.AddRunAsync(serviceId, runId, cancellationToken);

    public Task MarkRunAsync(string serviceId, string runId, bool finished, CancellationToken cancellationToken) => inner.MarkRunAsync(serviceId, runId, finished, cancellationToken);

    public Task<IReadOnlyList<RunIndexEntry>> ListRunsAsync(string serviceId, RunListFilter filter, long after, int limit, CancellationToken cancellationToken) =>
        inner.ListRunsAsync(serviceId, filter, after, limit, cancellationToken);

    private async Task BeforeWriteAsync(string key, CancellationToken cancellationToken)
    {
        string? run = RunOf(key);
        if (run is null)
        {
            return;
        }

        int write = _writes.AddOrUpdate(run, 1, (_, count) => count + 1) - 1;
        if (DropBefore.TryGetValue(run, out int at) && at == write)
        {
            Dropped.Add(run);
            await using var admin = new NpgsqlConnection(adminConnection);
            await admin.OpenAsync(cancellationToken);
            await using var command = new NpgsqlCommand("select count(pg_terminate_backend(pid)) from pg_stat_activity where application_name = $1", admin) { Parameters = { new() { Value = applicationName } } };
            await command.ExecuteScalarAsync(cancellationToken);
        }
    }

    // Keys look like "<service>/run/<id>" and "<service>/journal/<id>"; epochs and indexes are not the run's state.
    private static string? RunOf(string key)
    {
        string[] parts = key.Split('/');
        return parts.Length >= 3 && parts[^2] is "run" or "journal" ? parts[^1] : null;
    }
}
