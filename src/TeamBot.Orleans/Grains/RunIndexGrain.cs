using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.Extensions.Options;
using Orleans;
using Orleans.Concurrency;
using Orleans.Configuration;
using TeamBot.Orleans.Contracts;
using TeamBot.Orleans.Storage;
using TeamBot.State;

namespace TeamBot.Orleans.Grains;

/// <summary>
/// The list of runs, kept by the backend's run index one entry per run. Stateless, so every silo answers its own
/// callers and no one activation or row is rewritten for every run; reentrant, because a listing waits on run grains
/// that may be waiting on this index.
/// </summary>
[StatelessWorker]
[Reentrant]
internal sealed class RunIndexGrain(TeamBotBackend backend, IOptions<ClusterOptions> cluster) : Grain, IRunIndexGrain
{
    // Large enough that the watchdog lists a busy cluster's unfinished runs in a few round trips.
    private const int UnfinishedPage = 1000;

    private string ServiceId => cluster.Value.ServiceId;

    public Task AddAsync(string runId) => backend.Index.AddRunAsync(ServiceId, runId, default);

    public Task ReopenAsync(string runId) => backend.Index.MarkRunAsync(ServiceId, runId, finished: false, default);

    public Task FinishAsync(string runId) => backend.Index.MarkRunAsync(ServiceId, runId, finished: true, default);

    public async Task<RunListPage> ListAsync(RunListFilter filter, long after, int limit)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        IReadOnlyList<RunIndexEntry> entries = await backend.Index.ListRunsAsync(ServiceId, filter, after, limit, default);
        RunProgress[] runs = await Task.WhenAll(entries.Select(DescribeAsync));
        return new RunListPage { Runs = [.. runs], Next = entries.Count < limit ? null : entries[^1].Position };
    }

    public async Task<IReadOnlyList<string>> ListUnfinishedAsync()
    {
        var runs = new List<string>();
        long after = 0;
        while (true)
        {
            IReadOnlyList<RunIndexEntry> page = await backend.Index.ListRunsAsync(ServiceId, RunListFilter.Unfinished, after, UnfinishedPage, default);
            runs.AddRange(page.Select(entry => entry.RunId));
            if (page.Count < UnfinishedPage)
            {
                return runs;
            }

            after = page[^1].Position;
        }
    }

    /// <summary>
    /// A finished run's progress is its final saved state, exactly what its grain would report on waking, so it is read
    /// rather than activated; an unfinished run's grain knows more than its last save, and is usually active anyway.
    /// </summary>
    private Task<RunProgress> DescribeAsync(RunIndexEntry entry)
    {
        if (entry is { Finished: true, Snapshot: { } json })
        {
            var progress = new RunProgressTracker();
            progress.Seed(JsonGrainStorage.Deserialize<OrchestrationStateDocument>(json, JsonGrainStorage.Key(ServiceId, "run", entry.RunId)));
            return Task.FromResult(progress.Describe(entry.RunId, exists: true, int.MaxValue));
        }

        return GrainFactory.GetGrain<IWorkflowRunGrain>(entry.RunId).GetProgressAsync(int.MaxValue);
    }
}
