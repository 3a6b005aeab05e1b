using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Orleans.TestingHost;
using TeamBot.Orleans.Contracts;
using TeamBot.Orleans.Hosting;
using TeamBot.Orleans.Storage;
using TeamBot.State;
using Xunit.Abstractions;

namespace TeamBot.Orleans.Tests.Faults;

/// <summary>
/// The database fails one read of a run's epoch, the check every side effect of a session makes. Whichever read it is
/// (taking the run over, before a call, after it, before an artifact), the session stops as after a failed save and the
/// run resumes to the end: a fence that cannot be checked is never a stage's failure.
/// </summary>
[Collection(nameof(SharedClusterState))]
public sealed class EpochReadFailureTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task Every_epoch_read_failed_in_turn_stops_its_session_and_the_run_completes()
    {
        var backend = new EpochReadFailures(new InMemoryJsonStateBackend());
        SharedCluster.Team = new ClusterTeam { Delay = TimeSpan.Zero };
        SharedCluster.Backend = backend;
        SharedCluster.MaxConcurrency = null;
        SharedCluster.PostgresClustering = null;
        await using TestCluster cluster = await SharedCluster.StartAsync(silos: 1);
        var client = new TeamBotClusterClient(cluster.Client) { PollInterval = TimeSpan.FromMilliseconds(10) };

        const string Reference = "epoch-reference";
        await client.SubmitAsync(ClusterTests.Objective(Reference), Reference);
        Assert.Equal(Rules.RunStatus.Complete, (await client.WatchAsync(Reference).WaitAsync(Patience)).Status);
        int reads = backend.ReadsOf(Reference);
        Assert.True(reads > 20, $"{reads} epoch reads");

        // Each run has its own read failed, so they may run side by side.
        string[] runs = Enumerable.Range(0, reads).Select(at => $"epoch-{at:000}").ToArray();
        for (int at = 0; at < reads; at++)
        {
            backend.FailAt[runs[at]] = at;
        }

        foreach (string run in runs)
        {
            await client.SubmitAsync(ClusterTests.Objective(run), run);
        }

        RunProgress[] results = await Task.WhenAll(runs.Select(run => client.WatchAsync(run).WaitAsync(Patience)));
        foreach ((string run, RunProgress result) in runs.Zip(results))
        {
            Assert.True(result.Status == Rules.RunStatus.Complete, $"{run}: {result.Status} {result.Error}");
            SavedRun<Stage>? saved = await ClusterRunState.LoadAsync(Workflow.Definition, backend, SharedCluster.ServiceId, run);
            Assert.Equal(Workflow.Definition.StageOrder.Length, saved!.State.Completed.Count);
            Assert.Null(saved.State.Error);
        }

        // A run's reads vary with timing (a call handed out again reads once more), so a run may end before the read
        // chosen for it; nearly every run meets its failure.
        string[] reached = runs.Where((run, at) => backend.ReadsOf(run) > at).ToArray();
        Assert.Equal(reached.Order(StringComparer.Ordinal), backend.Failed.Order(StringComparer.Ordinal));
        Assert.True(reached.Length >= reads - 2, $"only {reached.Length} of {reads} runs reached the read chosen for them");
        output.WriteLine($"each of the {reads} epoch reads of a run failed, one run each: all {reads} completed, {reached.Length} met their failure");
    }

    /// <summary>Memory storage that fails a chosen read of a run's epoch as PostgreSQL fails a dropped connection's.</summary>
    private sealed class EpochReadFailures(InMemoryJsonStateBackend inner) : IJsonStateBackend, IRunIndexBackend
    {
        private readonly ConcurrentDictionary<string, int> _reads = new(StringComparer.Ordinal);

        /// <summary>Gets, for each run, the epoch read (counting from 0) that fails.</summary>
        public ConcurrentDictionary<string, int> FailAt { get; } = new(StringComparer.Ordinal);

        /// <summary>Gets the runs whose read failed.</summary>
        public ConcurrentBag<string> Failed { get; } = [];

        public int ReadsOf(string runId) => _reads.TryGetValue(runId, out int reads) ? reads : 0;

        public Task<(byte[]? Json, string? ETag)> ReadAsync(string key, CancellationToken cancellationToken)
        {
            string[] parts = key.Split('/');
            if (parts.Length >= 3 && parts[^2] == "epoch")
            {
                string run = parts[^1];
                int read = _reads.AddOrUpdate(run, 1, (_, count) => count + 1) - 1;
                if (FailAt.TryGetValue(run, out int at) && at == read)
                {
                    Failed.Add(run);
                    throw new TeamBotStorageException($"PostgreSQL failed reading '{key}': Exception while reading from stream");
                }
            }

            return inner.ReadAsync(key, cancellationToken);
        }

        public Task<string> WriteAsync(string key, byte[] json, string? expectedETag, CancellationToken cancellationToken) => inner.WriteAsync(key, json, expectedETag, cancellationToken);

        public Task DeleteAsync(string key, string? expectedETag, CancellationToken cancellationToken) => inner.DeleteAsync(key, expectedETag, cancellationToken);

        public Task AddRunAsync(string serviceId, string runId, CancellationToken cancellationToken) => inner.AddRunAsync(serviceId, runId, cancellationToken);

        public Task MarkRunAsync(string serviceId, string runId, bool finished, CancellationToken cancellationToken) => inner.MarkRunAsync(serviceId, runId, finished, cancellationToken);

        public Task<IReadOnlyList<RunIndexEntry>> ListRunsAsync(string serviceId, RunListFilter filter, long after, int limit, CancellationToken cancellationToken) =>
            inner.ListRunsAsync(serviceId, filter, after, limit, cancellationToken);
    }
}
