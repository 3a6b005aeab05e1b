using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans;
using Orleans.Configuration;
using Orleans.Hosting;
using TeamBot.Cli.Cluster;
using TeamBot.Orleans.Clustering;
using TeamBot.Orleans.Hosting;
using TeamBot.Orleans.Storage;
using TeamBot.Rules;
using TeamBot.State;
using TeamBot.Tests.Support;
using Xunit.Abstractions;

namespace TeamBot.Orleans.Tests.Faults;

/// <summary>
/// Three silo processes on PostgreSQL, a batch of runs per fault, and an audit that trusts neither the silos nor the
/// runtime: a database trigger records every state write with its time, each silo records every agent call it starts,
/// and the runs folder is watched. Every run must complete; no agent call may start for a stage already saved as
/// completed; no artifact may be written by a stage's call after that stage was saved as completed.
/// </summary>
[Collection(nameof(SharedClusterState))]
public sealed class ClusterFaultTests(ITestOutputHelper output)
{
    private const int RunsPerBatch = 20;

    /// <summary>The fault lands once the batch has started this many agent calls (a run makes about 30).</summary>
    private const int CallsBeforeFault = RunsPerBatch * 8;

    [PostgresFact]
    public async Task Runs_survive_kill_9_of_one_silo_SIGTERM_of_all_and_kill_9_of_all_without_redoing_completed_work()
    {
        await using PostgresScratch scratch = await PostgresScratch.CreateAsync(tablesAhead: true, "select, insert, update, delete");
        await StateAudit.InstallAsync(scratch);
        string folder = Path.Combine(Path.GetTempPath(), "teambot-faults", Guid.NewGuid().ToString("N"));
        string runsFolder = Path.Combine(folder, "runs");
        Directory.CreateDirectory(runsFolder);
        int[] siloPorts = [TestSupport.FreePort(), TestSupport.FreePort(), TestSupport.FreePort()];
        int[] gatewayPorts = [TestSupport.FreePort(), TestSupport.FreePort(), TestSupport.FreePort()];
        var silos = new SiloProcess?[3];
        var report = new List<string>();
        try
        {
            await Task.WhenAll(Enumerable.Range(0, 3).Select(async i => silos[i] = await StartSiloAsync(i)));
            using var watch = new ArtifactWatch(runsFolder);
            var batches = new Dictionary<ClusterFault, string[]>();
            foreach (ClusterFault fault in Enum.GetValues<ClusterFault>())
            {
                string[] runs = Enumerable.Range(1, RunsPerBatch).Select(i => $"{fault.ToString().ToLowerInvariant()}-{i:00}").ToArray();
                batches[fault] = runs;
                TimeSpan took = await RunBatchAsync(fault, runs);
                output.WriteLine($"{fault}: {RunsPerBatch} runs complete in {took.TotalSeconds:F0} s");
            }

            // The audit, after the last run completed.
            IReadOnlyDictionary<(string Run, string Stage), DateTime> completed = await StateAudit.CompletionsAsync(scratch);
            IReadOnlyList<AgentCallStart> calls = AgentCallStart.ReadAll(folder);
            IReadOnlyList<ArtifactWrite> writes = watch.Writes();
            Assert.Equal(0, watch.Overflows);
            var failures = new List<string>();
            foreach ((ClusterFault fault, string[] runs) in batches)
            {
                var batch = calls.Where(call => runs.Contains(call.Run)).ToList();
                var redone = batch.Where(call => completed.TryGetValue((call.Run, call.Stage), out DateTime at) && call.At > at).ToList();
                var late = writes.Where(write => runs.Contains(write.Run) && completed.TryGetValue((write.Run, write.Stage), out DateTime at) && write.At > at).ToList();
                int again = batch.Count - batch.Select(call => call.Work).Distinct().Count();
                string line = $"cluster faults, {Describe(fault)}: {runs.Length}/{runs.Length} runs complete, {batch.Count} agent calls " +
                    $"({again} asked again for work in flight at the fault), {redone.Count} for a completed stage, " +
                    $"{writes.Count(write => runs.Contains(write.Run))} artifact writes seen, {late.Count} after their stage completed";
                report.Add(line);
                output.WriteLine(line);
                failures.AddRange(redone.Select(call => $"{fault}: agent call for a stage already completed: {call}"));
                failures.AddRange(late.Select(write => $"{fault}: artifact written after its stage completed: {write}"));
                if (batch.Count < runs.Length * 20)
                {
                    failures.Add($"{fault}: only {batch.Count} agent calls were recorded; the audit saw too little to prove anything");
                }

                // A fault must land mid-run, or it proved nothing: work in flight at the fault is asked for again.
                if (fault != ClusterFault.None && again == 0)
                {
                    failures.Add($"{fault}: no work was in flight at the fault");
                }
            }

            Log(report);
            Assert.True(failures.Count == 0, string.Join('\n', failures));
        }
        catch
        {
            foreach (SiloProcess? silo in silos)
            {
                output.WriteLine($"--- silo {silo?.SiloPort}:\n{silo?.Output}");
            }

            throw;
        }
        finally
        {
            foreach (SiloProcess? silo in silos)
            {
                silo?.Dispose();
            }

            Directory.Delete(folder, recursive: true);
        }

        async Task<SiloProcess> StartSiloAsync(int i) => await SiloProcess.StartAsync(scratch.ConnectionString, siloPorts[i], gatewayPorts[i], runsFolder, folder);

        async Task<TimeSpan> RunBatchAsync(ClusterFault fault, string[] runs)
        {
            var clock = Stopwatch.StartNew();
            foreach (string run in runs)
            {
                // Watched before the run writes anything into it.
                Directory.CreateDirectory(Path.Combine(runsFolder, run, "artifacts"));
            }

            await Task.Delay(200);
            using (IHost client = await ConnectAsync(scratch.ConnectionString))
            {
                var cluster = new TeamBotClusterClient(client.Services.GetRequiredService<IClusterClient>());
                foreach (string run in runs)
                {
                    (_, bool started) = await cluster.SubmitAsync(ClusterTests.Objective(run), run);
                    Assert.True(started, $"{run} was not started");
                }

                await client.StopAsync();
            }

            if (fault != ClusterFault.None)
            {
                await WaitAsync(() => AgentCallStart.ReadAll(folder).Count(call => runs.Contains(call.Run)) >= CallsBeforeFault, TimeSpan.FromMinutes(2), "the batch to get under way");
                await InjectAsync(fault);
            }

            await using var backend = new PostgresJsonStateBackend(scratch.ConnectionString);
            var waited = Stopwatch.StartNew();
            while (true)
            {
                SavedRun<Stage>?[] saved = await Task.WhenAll(runs.Select(run => LoadAsync(backend, run)));
                if (saved.All(run => run?.State.Status == RunStatus.Complete))
                {
                    return clock.Elapsed;
                }

                Assert.True(waited.Elapsed < TimeSpan.FromMinutes(4), $"waited 4 minutes for every run of the {fault} batch to complete; unfinished:\n" + string.Join('\n', runs.Zip(saved)
                    .Where(pair => pair.Second?.State.Status != RunStatus.Complete)
                    .Select(pair => $"{pair.First}: {pair.Second?.State.Status.ToString() ?? "not saved"} at {pair.Second?.State.CurrentStage}, last agent call {AgentCallStart.ReadAll(folder).LastOrDefault(call => call.Run == pair.First)}")));
                await Task.Delay(200);
            }
        }

        async Task InjectAsync(ClusterFault fault)
        {
            switch (fault)
            {
                case ClusterFault.KillOne:
                    await silos[1]!.KillAsync();
                    silos[1]!.Dispose();
                    silos[1] = await StartSiloAsync(1);
                    break;
                case ClusterFault.TerminateAll:
                    await Task.WhenAll(silos.Select(silo => silo!.TerminateAsync()));
                    Assert.All(silos, silo => Assert.Contains("Silo stopped", silo!.Output, StringComparison.Ordinal));
                    await RestartAllAsync();
                    break;
                case ClusterFault.KillAll:
                    await Task.WhenAll(silos.Select(silo => silo!.KillAsync()));
                    await RestartAllAsync();
                    break;
            }
        }

        async Task RestartAllAsync()
        {
            foreach (SiloProcess? silo in silos)
            {
                silo?.Dispose();
            }

            await Task.WhenAll(Enumerable.Range(0, 3).Select(async i => silos[i] = await StartSiloAsync(i)));
        }
    }

    private static async Task<SavedRun<Stage>?> LoadAsync(IJsonStateBackend backend, string run)
    {
        SavedRun<Stage>? saved = await ClusterRunState.LoadAsync(Workflow.Definition, backend, OrleansCluster<Stage>.ClusterId, run);
        RunStatus? status = saved?.State.Status;
        Assert.True(status is null or RunStatus.InProgress or RunStatus.Complete, $"{run} ended {status}: {saved?.Document.Error}");
        return saved;
    }

    private static string Describe(ClusterFault fault) => fault switch
    {
        ClusterFault.None => "no fault",
        ClusterFault.KillOne => "kill -9 of one silo",
        ClusterFault.TerminateAll => "SIGTERM of all three silos",
        _ => "kill -9 of all three silos",
    };

    private static async Task WaitAsync(Func<bool> condition, TimeSpan timeout, string what) =>
        await WaitAsync(() => Task.FromResult(condition()), timeout, what);

    private static async Task WaitAsync(Func<Task<bool>> condition, TimeSpan timeout, string what)
    {
        var waited = Stopwatch.StartNew();
        while (!await condition())
        {
            Assert.True(waited.Elapsed < timeout, $"waited {timeout.TotalMinutes} minutes for {what}");
            await Task.Delay(200);
        }
    }

    /// <summary>A client as <c>run --cluster</c> connects one: through the membership table, to any live gateway.</summary>
    private static async Task<IHost> ConnectAsync(string connection)
    {
        HostApplicationBuilder builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.UseOrleansClient(client => client.UseTeamBotPostgresClustering(connection)
            .Configure<ClusterOptions>(cluster => (cluster.ClusterId, cluster.ServiceId) = (OrleansCluster<Stage>.ClusterId, OrleansCluster<Stage>.ClusterId)));
        IHost host = builder.Build();
        await host.StartAsync();
        return host;
    }

    /// <summary>In the test's output, and in <c>TestResults/cluster-faults.txt</c>, which <c>.ci/run</c> prints before its totals.</summary>
    private static void Log(IEnumerable<string> lines)
    {
        string directory = Path.Combine(TestSupport.RepoRoot, "TestResults");
        Directory.CreateDirectory(directory);
        File.WriteAllLines(Path.Combine(directory, "cluster-faults.txt"), lines);
    }
}
