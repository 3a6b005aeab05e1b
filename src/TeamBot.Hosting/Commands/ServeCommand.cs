using System;
using System.CommandLine;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using TeamBot.Hosting.Agents;

namespace TeamBot.Hosting.Commands;

/// <summary><c>teambot serve</c>: runs a silo of a TeamBot cluster with the built-in offline agent.</summary>
internal static class ServeCommand
{
    public static Command Create<TStage>(CliContext<TStage> context, ITeamBotCluster cluster)
        where TStage : struct, Enum
    {
        var siloPort = new Option<int>("--silo-port") { Description = "The port silos talk to each other on.", DefaultValueFactory = _ => 11111 };
        var gatewayPort = new Option<int>("--gateway-port") { Description = "The port clients connect to (teambot run --cluster localhost:PORT).", DefaultValueFactory = _ => 30000 };
        var primary = new Option<int>("--primary-silo-port") { Description = "The silo port of the cluster's first silo; the others join it.", DefaultValueFactory = _ => 11111 };
        var postgres = new Option<string?>("--postgres") { Description = "A PostgreSQL connection string for the runs' state; default: this silo's memory." };
        var command = new Command("serve", "Run a silo of a TeamBot cluster (Orleans) with the built-in offline agent, until Ctrl+C.")
        {
            siloPort, gatewayPort, primary, postgres,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var options = new ClusterServeOptions(parse.GetValue(siloPort), parse.GetValue(gatewayPort), parse.GetValue(primary), parse.GetValue(postgres), Path.Combine(context.RunsDirectory(parse), "cluster"));
            try
            {
                await cluster.ServeAsync(options, new OfflineAgent(), context.Output, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Ctrl+C: the silo has left the cluster.
            }

            return ExitCodes.Complete;
        });
        return command;
    }
}
