using System;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Threading;
using TeamBot.Agents;
using TeamBot.Cli.Cluster;
using TeamBot.Hosting;
using TeamBot.SiloHost;

// Usage: TeamBot.SiloHost <postgres connection> <silo port> <gateway port> <runs folder> <calls file>
// Serves one silo as `teambot serve --postgres … --address 127.0.0.1 --work-attempt-timeout 00:00:20` does, until
// SIGTERM (a graceful stop) or a kill.
string connection = args[0];
int siloPort = int.Parse(args[1], CultureInfo.InvariantCulture);
int gatewayPort = int.Parse(args[2], CultureInfo.InvariantCulture);
var options = new ClusterServeOptions(siloPort, gatewayPort, siloPort, connection, args[3])
{
    Address = "127.0.0.1",
    PostgresPoolSize = 8,

    // The agent's calls take at most 150 ms: a call lost with a killed silo is handed out again well inside the test.
    WorkAttemptTimeout = TimeSpan.FromSeconds(20),
};
var agent = new RecordingAgent(new OfflineAgent(), args[4], $"silo-{siloPort}");

using var stop = new CancellationTokenSource();
using PosixSignalRegistration sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, signal =>
{
    // The silo leaves the cluster before the process ends, as `teambot serve` does on SIGTERM.
    signal.Cancel = true;
    stop.Cancel();
});
try
{
    await new OrleansCluster<Stage>(Workflow.Definition).ServeAsync(options, agent, Console.Out, stop.Token);
}
catch (OperationCanceledException)
{
}

Console.WriteLine("Silo stopped");
