using System;
using System.CommandLine;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using TeamBot.Rules;
using TeamBot.State;

namespace TeamBot.Hosting.Commands;

/// <summary><c>teambot status [feature]</c>: where each run stands.</summary>
internal static class StatusCommand
{
    public static Command Create<TStage>(CliContext<TStage> context)
        where TStage : struct, Enum
    {
        Argument<string?> feature = CommonOptions.RunName("One run's feature name; default: every run.");
        var command = new Command(
            "status",
            "Show where each run stands: status, current stage, completed stages, time. A run whose files cannot be read is listed as such and the others still are; "
            + "the exit code is 1 only when the one run named cannot be found or read.")
        {
            feature,
        };
        if (context.Settings.Cluster is { } cluster)
        {
            Option<string?> connection = CommonOptions.Cluster();
            command.Options.Add(connection);
            command.SetAction((parse, cancellationToken) => parse.GetValue(connection) is { } at
                ? ShowClusterAsync(context, cluster, at, parse.GetValue(feature), cancellationToken)
                : ShowAsync(context, context.RunsDirectory(parse), parse.GetValue(feature), cancellationToken));
        }
        else
        {
            command.SetAction((parse, cancellationToken) => ShowAsync(context, context.RunsDirectory(parse), parse.GetValue(feature), cancellationToken));
        }

        return command;
    }

    private static async Task<int> ShowClusterAsync<TStage>(CliContext<TStage> context, ITeamBotCluster cluster, string connection, string? feature, CancellationToken cancellationToken)
        where TStage : struct, Enum
    {
        var runs = (await cluster.ListAsync(connection, cancellationToken).ConfigureAwait(false)).Where(run => feature is null || run.RunId == feature).ToList();
        if (runs.Count == 0)
        {
            await context.Output.WriteLineAsync($"No runs in the cluster at {ClusterConnection.Shown(connection)}.").ConfigureAwait(false);
            return ExitCodes.Complete;
        }

        foreach (ClusterRunStatus run in runs)
        {
            await context.Output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{run.RunId,-28} {run.Status,-22} at {run.CurrentStage ?? "-",-22} {run.CompletedStages}/{context.Workflow.Stages.Length} stages")).ConfigureAwait(false);
        }

        return ExitCodes.Complete;
    }

    private static async Task<int> ShowAsync<TStage>(CliContext<TStage> context, string runs, string? feature, CancellationToken cancellationToken)
        where TStage : struct, Enum
    {
        string[] directories = feature is not null
            ? [Path.Combine(runs, feature)]
            : Directory.Exists(runs) ? Directory.GetDirectories(runs).Where(dir => File.Exists(Path.Combine(dir, FileStateStore.StateFileName))).Order(StringComparer.Ordinal).ToArray() : [];
        if (directories.Length == 0)
        {
            await context.Output.WriteLineAsync($"No runs in '{runs}'.").ConfigureAwait(false);
            return ExitCodes.Complete;
        }

        int exit = ExitCodes.Complete;
        foreach (string directory in directories)
        {
            string name = Path.GetFileName(directory);
            var store = new FileStateStore(directory);
            try
            {
                // The snapshot with the journal replayed: orchestration_state.json alone lags a run that is under way.
                SavedRun<TStage>? saved = await SavedRun.LoadAsync(context.Workflow, store, cancellationToken).ConfigureAwait(false);
                if (saved is null)
                {
                    await context.Error.WriteLineAsync($"There is no run '{name}' in '{runs}'.").ConfigureAwait(false);
                    exit = ExitCodes.BadInput;
                    continue;
                }

                // Counted as the rules see the run: a Python TeamBot state lists no completed stages (a complete one has
                // no output for COMPLETE), so its files alone under-count.
                OrchestrationStateDocument state = saved.Document;
                int completed = saved.State.Completed.Count;
                string line = string.Create(
                    CultureInfo.InvariantCulture,
                    $"{state.FeatureName ?? name,-28} {state.Status,-22} at {state.CurrentStage ?? "-",-22} {completed}/{context.Workflow.Stages.Length} stages  {TimeSpan.FromSeconds(state.ElapsedSeconds):hh\\:mm\\:ss}");
                await context.Output.WriteLineAsync(line + Tokens(saved.State.TotalUsage, state.MaxTokens)).ConfigureAwait(false);
                if (state.AcceptanceTestSummary is { } summary)
                {
                    await context.Output.WriteLineAsync($"{"",-28} acceptance tests: {summary}").ConfigureAwait(false);
                }

                if (feature is not null)
                {
                    // Asked for by name: where the tokens went, per stage, agent and model.
                    foreach (UsageLine<TStage> usage in saved.State.Usage)
                    {
                        await context.Output.WriteLineAsync(string.Create(
                            CultureInfo.InvariantCulture,
                            $"{"",-28} {context.Workflow.GetStageName(usage.Stage),-22} {usage.Agent,-10} {usage.Model ?? "-",-16} {usage.Tokens.TotalTokens,12:N0} tokens ({usage.Tokens.InputTokens:N0} in, {usage.Tokens.OutputTokens:N0} out) in {usage.Calls} call{(usage.Calls == 1 ? "" : "s")}")).ConfigureAwait(false);
                    }
                }
            }
            catch (Exception ex) when (ex is WorkflowStateException or IOException or UnauthorizedAccessException)
            {
                // One unreadable run (corrupt, or another workflow's, whose stages this one lacks) is named in the
                // listing and does not hide the others; only a run asked for by name makes the command fail.
                string unreadable = $"{name}: cannot be read: {ex.Message}";
                if (feature is null)
                {
                    await context.Output.WriteLineAsync(unreadable).ConfigureAwait(false);
                }
                else
                {
                    await context.Error.WriteLineAsync(unreadable).ConfigureAwait(false);
                    exit = ExitCodes.BadInput;
                }
            }
        }

        return exit;
    }

    /// <summary>The run's tokens and, when it has one, its token budget; nothing for a run whose agents reported none.</summary>
    private static string Tokens(TokenUsage used, long? budget) =>
        used.TotalTokens == 0 && budget is null
            ? ""
            : string.Create(CultureInfo.InvariantCulture, $"  {used.TotalTokens:N0}{(budget is { } max ? $"/{max:N0}" : "")} tokens");
}
