using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using TeamBot.Agents;
using TeamBot.Cli.Cluster;
using TeamBot.Hosting;
using TeamBot.Tests.Support;

namespace TeamBot.Orleans.Tests;

/// <summary><c>teambot serve</c>, <c>run</c>, <c>status</c>, <c>cancel</c> and <c>resume</c> with <c>--cluster</c>, through the command-line library.</summary>
[Collection(nameof(SharedClusterState))]
public sealed class CommandLineClusterTests
{
    [Fact]
    public async Task A_run_submitted_with_cluster_completes_on_a_served_silo_and_status_lists_it()
    {
        await using ServedSilo served = ServedSilo.Start();
        int gatewayPort = served.GatewayPort;
        var output = new StringWriter();
        var error = new StringWriter();
        TeamBotCliSettings settings = served.Settings with { Output = output, Error = error };

        int exit = await TeamBotCli.Create(Workflow.Definition, settings).Parse(["run", "objectives/add-export.md", "--cluster", $"localhost:{gatewayPort}"]).InvokeAsync();
        Assert.True(exit == ExitCodes.Complete, output.ToString() + error);
        Assert.Contains("StageStarted SETUP", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("RunCompleted", output.ToString(), StringComparison.Ordinal);

        var again = new StringWriter();
        exit = await TeamBotCli.Create(Workflow.Definition, settings with { Error = again }).Parse(["run", "objectives/add-export.md", "--cluster", $"localhost:{gatewayPort}"]).InvokeAsync();
        Assert.Equal(ExitCodes.BadInput, exit);
        Assert.Contains("already has a run 'csv-export'", again.ToString(), StringComparison.Ordinal);

        var status = new StringWriter();
        exit = await TeamBotCli.Create(Workflow.Definition, settings with { Output = status }).Parse(["status", "--cluster", $"localhost:{gatewayPort}"]).InvokeAsync();
        Assert.Equal(ExitCodes.Complete, exit);
        Assert.Matches(@"csv-export\s+complete\s+at COMPLETE\s+14/14 stages", status.ToString());

        // A run the cluster does not have is a clear error; a finished one resumes to its end at once.
        var missing = new StringWriter();
        exit = await TeamBotCli.Create(Workflow.Definition, settings with { Error = missing }).Parse(["resume", "no-such-run", "--cluster", $"localhost:{gatewayPort}"]).InvokeAsync();
        Assert.Equal(ExitCodes.BadInput, exit);
        Assert.Contains("has no stopped run 'no-such-run'", missing.ToString(), StringComparison.Ordinal);
        exit = await TeamBotCli.Create(Workflow.Definition, settings with { Error = missing }).Parse(["cancel", "csv-export", "--cluster", $"localhost:{gatewayPort}"]).InvokeAsync();
        Assert.Equal(ExitCodes.BadInput, exit);
        Assert.Contains("Run 'csv-export' is not running", missing.ToString(), StringComparison.Ordinal);
        var resumed = new StringWriter();
        exit = await TeamBotCli.Create(Workflow.Definition, settings with { Output = resumed }).Parse(["resume", "csv-export", "--cluster", $"localhost:{gatewayPort}"]).InvokeAsync();
        Assert.True(exit == ExitCodes.Complete, resumed.ToString());
        Assert.Contains("RunCompleted", resumed.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_cluster_run_stopped_by_its_token_budget_resumes_with_cluster_and_a_larger_token_budget()
    {
        await using ServedSilo served = ServedSilo.Start();
        TeamBotCliSettings settings = served.Settings;
        string gateway = $"localhost:{served.GatewayPort}";

        var stopped = new StringWriter();
        int exit = await TeamBotCli.Create(Workflow.Definition, settings with { Output = stopped }).Parse(["run", "objectives/add-export.md", "--cluster", gateway, "--token-budget", "1"]).InvokeAsync();
        Assert.True(exit == ExitCodes.BudgetExceeded, stopped.ToString());
        Assert.Contains("budget", stopped.ToString(), StringComparison.OrdinalIgnoreCase);

        // Without a new budget the run stops again at once; with a larger one it goes on from where it stopped.
        exit = await TeamBotCli.Create(Workflow.Definition, settings).Parse(["resume", "csv-export", "--cluster", gateway]).InvokeAsync();
        Assert.Equal(ExitCodes.BudgetExceeded, exit);
        var resumed = new StringWriter();
        exit = await TeamBotCli.Create(Workflow.Definition, settings with { Output = resumed }).Parse(["resume", "csv-export", "--cluster", gateway, "--token-budget", "10000000"]).InvokeAsync();
        Assert.True(exit == ExitCodes.Complete, resumed.ToString());
        Assert.DoesNotContain("StageStarted SETUP", resumed.ToString(), StringComparison.Ordinal);
        Assert.Contains("RunCompleted", resumed.ToString(), StringComparison.Ordinal);
    }

    [PostgresFact]
    public async Task A_postgres_silo_served_on_127_0_0_1_runs_a_run_submitted_with_cluster_127_0_0_1_and_its_port()
    {
        // A schema of its own: in the shared one, silos that other tests left in the membership table (alive or not
        // yet declared dead) were joined and probed, and the run could be placed on one of them.
        await using PostgresScratch scratch = await PostgresScratch.CreateAsync(tablesAhead: true, "select, insert, update, delete");
        string directory = Path.Combine(Path.GetTempPath(), "teambot-cli-cluster", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(directory, "objectives"));
        string feature = $"Address {Guid.NewGuid():N}";
        File.WriteAllText(Path.Combine(directory, "objectives", "addr.md"), File.ReadAllText(Path.Combine(TeamBot.Tests.Support.TestSupport.RepoRoot, "examples", "objectives", "add-export.md")).Replace("Add CSV export", feature, StringComparison.Ordinal));
        var cluster = new OrleansCluster<Stage>(Workflow.Definition);
        int siloPort = TestSupport.FreePort(), gatewayPort = TestSupport.FreePort();
        using var stop = new CancellationTokenSource();
        var served = new StringWriter();
        var settings = new TeamBotCliSettings { Cluster = cluster, Output = served, Error = served, Plain = true, WorkingDirectory = directory };

        // serve --postgres listened only on the machine's network address, and --cluster ignored its host part.
        Task silo = TeamBotCli.Create(Workflow.Definition, settings)
            .Parse(["serve", "--postgres", scratch.ConnectionString, "--expected-silos", "1", "--address", "127.0.0.1", "--silo-port", $"{siloPort}", "--gateway-port", $"{gatewayPort}"])
            .InvokeAsync(cancellationToken: stop.Token);
        try
        {
            while (!served.ToString().Contains("Silo up", StringComparison.Ordinal))
            {
                Assert.False(silo.IsCompleted, served.ToString());
                await Task.Delay(100);
            }

            Assert.Contains($"gateway 127.0.0.1:{gatewayPort}", served.ToString(), StringComparison.Ordinal);
            var output = new StringWriter();
            int exit = await TeamBotCli.Create(Workflow.Definition, settings with { Output = output, Error = output })
                .Parse(["run", "objectives/addr.md", "--cluster", $"127.0.0.1:{gatewayPort}"]).InvokeAsync();
            Assert.True(exit == ExitCodes.Complete, output.ToString());
            Assert.Contains("RunCompleted", output.ToString(), StringComparison.Ordinal);
        }
        finally
        {
            await stop.CancelAsync();
            await silo;
            Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>An in-memory silo served with the offline agent, and a folder holding the example objective.</summary>
    private sealed class ServedSilo : IAsyncDisposable
    {
        private readonly CancellationTokenSource _stop = new();
        private readonly string _directory = Path.Combine(Path.GetTempPath(), "teambot-cli-cluster", Guid.NewGuid().ToString("N"));
        private Task _silo = Task.CompletedTask;

        public int GatewayPort { get; } = TestSupport.FreePort();

        /// <summary>Gets the tool's settings for this silo, writing nowhere; working in the folder.</summary>
        public TeamBotCliSettings Settings { get; private set; } = new();

        public static ServedSilo Start()
        {
            var served = new ServedSilo();
            Directory.CreateDirectory(Path.Combine(served._directory, "objectives"));
            File.Copy(Path.Combine(TeamBot.Tests.Support.TestSupport.RepoRoot, "examples", "objectives", "add-export.md"), Path.Combine(served._directory, "objectives", "add-export.md"));
            var cluster = new OrleansCluster<Stage>(Workflow.Definition);
            int siloPort = TestSupport.FreePort();
            served._silo = cluster.ServeAsync(new ClusterServeOptions(siloPort, served.GatewayPort, siloPort, null, Path.Combine(served._directory, "runs")), new OfflineAgent(), TextWriter.Null, served._stop.Token);
            served.Settings = new TeamBotCliSettings { Cluster = cluster, Output = TextWriter.Null, Error = TextWriter.Null, Plain = true, WorkingDirectory = served._directory };
            return served;
        }

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _silo);
            _stop.Dispose();
            Directory.Delete(_directory, recursive: true);
        }
    }
}
