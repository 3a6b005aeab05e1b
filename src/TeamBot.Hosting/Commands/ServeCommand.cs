using System;
using System.CommandLine;
using System.IO;
using TeamBot.Agents;
using TeamBot.State;

namespace TeamBot.Hosting.Commands;

/// <summary><c>teambot serve</c>: runs a silo of a TeamBot cluster with the built-in offline agent or an LLM.</summary>
internal static class ServeCommand
{
    public static Command Create<TStage>(CliContext<TStage> context, ITeamBotCluster cluster)
        where TStage : struct, Enum
    {
        Option<int> siloPort = new Option<int>("--silo-port") { Description = "The port silos talk to each other on.", DefaultValueFactory = _ => 11111 }.InRange(1, 65535);
        Option<int> gatewayPort = new Option<int>("--gateway-port") { Description = "The port clients connect to.", DefaultValueFactory = _ => 30000 }.InRange(1, 65535);
        Option<int> primary = new Option<int>("--primary-silo-port") { Description = "Without --postgres: the silo port of the cluster's first silo, which the others join.", DefaultValueFactory = _ => 11111 }.InRange(1, 65535);
        Option<string?> postgres = new Option<string?>("--postgres") { Description = "A PostgreSQL connection string: the cluster's membership and the runs' state live there (default: localhost clustering, state in memory)." }.NotBlank();
        Option<string?> address = new Option<string?>("--address") { Description = "With --postgres: the address the silo and gateway ports listen on (default: every address of the machine, localhost included)." }.HostAddress();
        Option<string?> advertise = new Option<string?>("--advertise") { Description = "With --postgres: the address other silos and clients reach this silo at (default: --address, else the machine's network address, else 127.0.0.1)." }.HostAddress();
        Option<int?> poolSize = new Option<int?>("--postgres-pool-size") { Description = "With --postgres: the most connections this silo opens; at most (max_connections - 10) / silos (default: the connection string's Maximum Pool Size, else 20)." }.InRange(1);
        Option<int?> expectedSilos = new Option<int?>("--expected-silos") { Description = "With --postgres: how many silos share the server; the silo refuses to start when max_connections cannot hold all their pools (default: 3)." }.InRange(1);
        Option<TimeSpan?> attemptTimeout = new Option<TimeSpan?>("--work-attempt-timeout")
        {
            Description = "How long one attempt at an agent call may take before it is handed out again, e.g. after a silo died with it (hh:mm:ss; default 00:05:00). Set it above your agents' longest call.",
        }.PositiveDuration("00:05:00");
        var noCreateSchema = new Option<bool>("--no-create-schema") { Description = "With --postgres: never create tables; they were created ahead with deploy/postgresql/teambot.sql by a role with create rights." };
        var agents = new AgentChoice(context.Settings.CustomAgents);
        var command = new Command("serve", "Run a silo of a TeamBot cluster (Orleans) until Ctrl+C.")
        {
            siloPort, gatewayPort, primary, postgres, address, advertise, poolSize, expectedSilos, noCreateSchema, attemptTimeout,
        };
        agents.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            IStageAgent team;
            try
            {
                team = await agents.CreateAsync(agents.Choose(parse, saved: null), (_, _) => new OfflineAgent(), context.Settings.WorkingDirectory!, chat: null, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is ArgumentException or InvalidOperationException)
            {
                await context.Error.WriteLineAsync(ex.Message).ConfigureAwait(false);
                return ExitCodes.BadInput;
            }

            await using IAsyncDisposable? owned = team as IAsyncDisposable;
            var options = new ClusterServeOptions(parse.GetValue(siloPort), parse.GetValue(gatewayPort), parse.GetValue(primary), parse.GetValue(postgres), Path.Combine(context.RunsDirectory(parse), "cluster"))
            {
                Address = parse.GetValue(address),
                Advertise = parse.GetValue(advertise),
                PostgresPoolSize = parse.GetValue(poolSize),
                ExpectedSilos = parse.GetValue(expectedSilos),
                CreateSchema = !parse.GetValue(noCreateSchema),
                WorkAttemptTimeout = parse.GetValue(attemptTimeout),
            };
            try
            {
                await cluster.ServeAsync(options, team, context.Output, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Ctrl+C: the silo has left the cluster.
            }
            catch (WorkflowStateException ex)
            {
                // The database is not fit for the silo (too few connections, tables missing): say how to fix it.
                await context.Error.WriteLineAsync(ex.Message).ConfigureAwait(false);
                return ExitCodes.BadInput;
            }

            return ExitCodes.Complete;
        });
        return command;
    }
}
