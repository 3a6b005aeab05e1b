using System;
using System.CommandLine;

namespace TeamBot.Hosting.Commands;

/// <summary><c>teambot cancel &lt;run&gt; --cluster</c>: stops a cluster run as Ctrl+C stops a local one.</summary>
internal static class CancelCommand
{
    public static Command Create<TStage>(CliContext<TStage> context, ITeamBotCluster cluster)
        where TStage : struct, Enum
    {
        var run = new Argument<string>("run") { Description = "The run's id: its feature name, as 'teambot status --cluster' lists it." };
        Option<string?> connection = CommonOptions.Cluster();
        connection.Required = true;
        var command = new Command("cancel", "Cancel a run in a TeamBot cluster: its agents are told to stop and its state is saved as cancelled, to resume later.")
        {
            run, connection,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            string id = parse.GetValue(run)!;
            string at = parse.GetValue(connection)!;
            if (await cluster.CancelAsync(at, id, cancellationToken).ConfigureAwait(false))
            {
                await context.Output.WriteLineAsync($"Run '{id}' was told to stop; its state is saved as cancelled. See it with: teambot status --cluster {at}").ConfigureAwait(false);
                return ExitCodes.Complete;
            }

            await context.Error.WriteLineAsync($"Run '{id}' is not running in the cluster at {at}: it has ended, or there is no such run. See: teambot status --cluster {at}").ConfigureAwait(false);
            return ExitCodes.BadInput;
        });
        return command;
    }
}
