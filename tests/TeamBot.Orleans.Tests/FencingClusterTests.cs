using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Hosting;
using Orleans.Storage;
using Orleans.TestingHost;
using TeamBot.Agents;
using TeamBot.Execution;
using TeamBot.Orleans.Contracts;
using TeamBot.Orleans.Hosting;
using TeamBot.Orleans.Storage;
using TeamBot.Rules;
using TeamBot.State;
using TeamBot.Tests.Support;

namespace TeamBot.Orleans.Tests;

/// <summary>
/// Two activations of one run at once (the grain directory lost an entry when a silo died): the one that took the run
/// over last owns it, and the stale one records nothing, writes nothing, and stops.
/// </summary>
[Collection(nameof(SharedClusterState))]
public sealed class FencingClusterTests
{
    private const string ServiceId = "teambot-fencing";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    // Silo configurators are created by type: the cluster being built finds its setup here.
    private static FencingSetup? s_setup;

    [Fact]
    public async Task A_stale_activation_whose_work_returns_after_a_takeover_records_no_result_writes_no_artifact_or_state_and_stops()
    {
        var setup = new FencingSetup();
        s_setup = setup;
        await using TestCluster cluster = await StartAsync();
        try
        {
            const string Run = "fenced-run";
            var client = new TeamBotClusterClient(cluster.Client) { PollInterval = TimeSpan.FromMilliseconds(10) };
            TaskCompletionSource gate = setup.Team.Gates.GetOrAdd("IMPLEMENTATION", _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
            Assert.True((await client.SubmitAsync(ClusterTests.Objective(Run), Run)).Started);

            // Not by asking the grain (that would keep it busy): by the agent's calls.
            await TestSupport.WaitUntilAsync(() => setup.Team.Calls.Any(call => call.Stage == "IMPLEMENTATION"));
            TaskCompletionSource staleSessionEnded = setup.Sessions.Single();

            // A second activation takes the run over, as it would after a silo died: it increments the epoch in the shared
            // backend, and has (say) already saved IMPLEMENTATION and written its artifact.
            string epochKey = JsonGrainStorage.Key(ServiceId, "epoch", Run);
            (byte[]? epochJson, string? epochETag) = await setup.Backend.ReadAsync(epochKey, default);
            long epoch = JsonDocument.Parse(epochJson!).RootElement.GetProperty("epoch").GetInt64();
            await setup.Backend.WriteAsync(epochKey, RunEpochs.Serialize(epoch + 1), epochETag, default);
            string artifact = Path.Combine(setup.RunsDirectory, Run, "artifacts", "implementation_notes.md");
            const string TakenOver = "written by the activation that took the run over\n";
            await File.WriteAllTextAsync(artifact, TakenOver);
            string? snapshotETag = (await setup.Backend.ReadAsync(JsonGrainStorage.Key(ServiceId, "run", Run), default)).ETag;
            string? journalETag = (await setup.Backend.ReadAsync(JsonGrainStorage.Key(ServiceId, "journal", Run), default)).ETag;

            // The stale activation's agent answers only now.
            gate.SetResult();
            await staleSessionEnded.Task.WaitAsync(Patience);

            Assert.Equal(TakenOver, await File.ReadAllTextAsync(artifact));
            Assert.Equal(snapshotETag, (await setup.Backend.ReadAsync(JsonGrainStorage.Key(ServiceId, "run", Run), default)).ETag);
            Assert.Equal(journalETag, (await setup.Backend.ReadAsync(JsonGrainStorage.Key(ServiceId, "journal", Run), default)).ETag);
            Assert.DoesNotContain(setup.Team.Calls, call => call.Stage == "IMPLEMENTATION_REVIEW");
            SavedRun<Stage> saved = await ClusterRunState.LoadAsync(Workflow.Definition, setup.Backend, ServiceId, Run) ?? throw new InvalidOperationException("nothing saved");
            Assert.DoesNotContain(Stage.Implementation, saved.State.Completed);
            Assert.Contains(Stage.PlanReview, saved.State.Completed);

            // The run is not lost: the next session takes it over again and finishes it.
            Assert.True(await client.ResumeAsync(Run));
            RunProgress end = await client.WatchAsync(Run, null).WaitAsync(Patience);
            Assert.Equal(RunStatus.Complete, end.Status);
            Assert.NotEqual(TakenOver, await File.ReadAllTextAsync(artifact));
        }
        finally
        {
            await cluster.StopAllSilosAsync();
            s_setup = null;
            Directory.Delete(setup.RunsDirectory, recursive: true);
        }
    }

    [Fact]
    public async Task A_write_with_a_stale_etag_is_refused_by_the_memory_backend()
    {
        var backend = new InMemoryJsonStateBackend();
        string etag = await backend.WriteAsync("k", [(byte)'1'], null, default);
        await backend.WriteAsync("k", [(byte)'2'], etag, default);
        await Assert.ThrowsAsync<InconsistentStateException>(() => backend.WriteAsync("k", [(byte)'3'], etag, default));
    }

    private static async Task<TestCluster> StartAsync()
    {
        var builder = new TestClusterBuilder(1);
        builder.Options.ServiceId = ServiceId;
        builder.Options.ConfigureFileLogging = false;
        builder.AddSiloBuilderConfigurator<Configurator>();
        TestCluster cluster = builder.Build();
        await cluster.DeployAsync();
        return cluster;
    }

    private sealed class Configurator : ISiloConfigurator
    {
        public void Configure(ISiloBuilder siloBuilder)
        {
            FencingSetup setup = s_setup ?? throw new InvalidOperationException("No fencing test is building a cluster.");
            siloBuilder.AddTeamBot(Workflow.Definition, AgentRegistry.ForAll(setup.Team), options =>
            {
                options.Backend = setup.Backend;
                options.RunsDirectory = setup.RunsDirectory;
                options.Runner = new WorkflowRunnerOptions { WorkingDirectory = setup.RunsDirectory };
                options.RetryDelay = TimeSpan.FromMilliseconds(50);

                // The test decides when the run resumes: a watchdog tick would resume it before the checks.
                options.WatchdogInterval = TimeSpan.FromDays(1);
            });
            siloBuilder.Services.AddSingleton<IRunStoreDecorator>(new SessionEnds(setup.Sessions));
        }
    }

    private sealed class FencingSetup
    {
        public ClusterTeam Team { get; } = new() { Delay = TimeSpan.Zero };

        public InMemoryJsonStateBackend Backend { get; } = new();

        public string RunsDirectory { get; } = Path.Combine(Path.GetTempPath(), "teambot-fencing-" + Guid.NewGuid().ToString("N"));

        /// <summary>Gets one signal per session, set once the grain let go of the session's store.</summary>
        public ConcurrentQueue<TaskCompletionSource> Sessions { get; } = new();
    }

    /// <summary>Tells when each session has ended: the grain disposes a decorated store once its driver has returned.</summary>
    private sealed class SessionEnds(ConcurrentQueue<TaskCompletionSource> sessions) : IRunStoreDecorator
    {
        public IWorkflowStateStore Decorate(string runId, IWorkflowStateStore store)
        {
            var ended = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            sessions.Enqueue(ended);
            return new Store(store, (IWorkflowJournal)store, ended);
        }

        private sealed class Store(IWorkflowStateStore inner, IWorkflowJournal journal, TaskCompletionSource ended) : IWorkflowStateStore, IWorkflowJournal, IDisposable
        {
            public string Location => inner.Location;

            public string JournalLocation => journal.JournalLocation;

            public ValueTask<OrchestrationStateDocument?> LoadAsync(CancellationToken cancellationToken) => inner.LoadAsync(cancellationToken);

            public ValueTask SaveAsync(OrchestrationStateDocument state, CancellationToken cancellationToken) => inner.SaveAsync(state, cancellationToken);

            public ValueTask AppendAsync(IReadOnlyList<JournalEntry> entries, CancellationToken cancellationToken) => journal.AppendAsync(entries, cancellationToken);

            public ValueTask<IReadOnlyList<JournalEntry>> ReadJournalAsync(CancellationToken cancellationToken) => journal.ReadJournalAsync(cancellationToken);

            public IDisposable Lock() => inner.Lock();

            public void Dispose() => ended.TrySetResult();
        }
    }
}
