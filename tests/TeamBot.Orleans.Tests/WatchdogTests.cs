using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;
using Orleans.TestingHost;
using TeamBot.Orleans.Contracts;
using TeamBot.Orleans.Hosting;
using TeamBot.Orleans.Storage;
using TeamBot.State;

namespace TeamBot.Orleans.Tests;

/// <summary>The silos' periodic wake-up of unfinished runs: a run nobody asks about is continued all the same.</summary>
[Collection(nameof(SharedClusterState))]
public sealed class WatchdogTests
{
    [Fact]
    public async Task A_run_whose_session_stopped_on_a_failed_save_is_continued_by_the_watchdog_alone_and_completes()
    {
        const string Run = "watchdog-save-failed";
        var backend = new FailingOnce(new InMemoryJsonStateBackend(), JsonGrainStorage.Key(SharedCluster.ServiceId, "journal", Run), failOnWrite: 6);
        SharedCluster.Team = new ClusterTeam();
        SharedCluster.Backend = backend;
        SharedCluster.MaxConcurrency = null;
        SharedCluster.WorkAttemptTimeout = null;
        await using TestCluster cluster = await SharedCluster.StartAsync(silos: 1);
        var client = new TeamBotClusterClient(cluster.Client);
        await client.SubmitAsync(ClusterTests.Objective(Run), Run);

        // Nothing but the watchdog (every second here) continues the run: no client call wakes it.
        var waited = Stopwatch.StartNew();
        SavedRun<Stage>? saved;
        while ((saved = await ClusterRunState.LoadAsync(Workflow.Definition, backend, SharedCluster.ServiceId, Run))?.State.Status is null or Rules.RunStatus.InProgress)
        {
            Assert.True(waited.Elapsed < TimeSpan.FromMinutes(1), $"the run was not continued after its failed save; it stands at {saved?.State.CurrentStage}");
            await Task.Delay(100);
        }

        Assert.Equal(1, backend.Failures);
        Assert.Equal(Rules.RunStatus.Complete, saved!.State.Status);
        Assert.Equal(Workflow.Definition.StageOrder.Length, saved.State.Completed.Count);
    }

    /// <summary>Fails the <c>n</c>th write of one document once, as a database that drops a connection would.</summary>
    private sealed class FailingOnce(InMemoryJsonStateBackend inner, string key, int failOnWrite) : IJsonStateBackend, IRunIndexBackend
    {
        private int _writes;
        private int _failures;

        public int Failures => _failures;

        public Task<(byte[]? Json, string? ETag)> ReadAsync(string key, CancellationToken cancellationToken) => inner.ReadAsync(key, cancellationToken);

        public Task<string> WriteAsync(string key1, byte[] json, string? expectedETag, CancellationToken cancellationToken)
        {
            if (key1 == key && Interlocked.Increment(ref _writes) == failOnWrite)
            {
                Interlocked.Increment(ref _failures);
                throw new TeamBotStorageException($"PostgreSQL failed writing '{key1}': the connection was closed (a test's fault)");
            }

            return inner.WriteAsync(key1, json, expectedETag, cancellationToken);
        }

        public Task DeleteAsync(string key1, string? expectedETag, CancellationToken cancellationToken) => inner.DeleteAsync(key1, expectedETag, cancellationToken);

        public Task AddRunAsync(string serviceId, string runId, CancellationToken cancellationToken) => inner.AddRunAsync(serviceId, runId, cancellationToken);

        public Task MarkRunAsync(string serviceId, string runId, bool finished, CancellationToken cancellationToken) => inner.MarkRunAsync(serviceId, runId, finished, cancellationToken);

        public Task<IReadOnlyList<RunIndexEntry>> ListRunsAsync(string serviceId, RunListFilter filter, long after, int limit, CancellationToken cancellationToken) =>
            inner.ListRunsAsync(serviceId, filter, after, limit, cancellationToken);
    }
}
