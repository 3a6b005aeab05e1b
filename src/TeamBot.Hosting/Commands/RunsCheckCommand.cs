using System;
using System.CommandLine;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using TeamBot.State;

namespace TeamBot.Hosting.Commands;

/// <summary>
/// <c>teambot runs check</c>: whether this build can resume every saved run, carrying over those saved under an earlier
/// shipped workflow version; run before deploying a build whose workflow changed.
/// </summary>
internal static class RunsCheckCommand
{
    public static Command Create<TStage>(CliContext<TStage> context)
        where TStage : struct, Enum
    {
        var check = new Command(
            "check",
            "Load every run in the runs folder as a resume would, migrating in memory only (nothing is written), and list whether each can be resumed by this build. "
            + $"The exit code is {ExitCodes.CannotResume} when any cannot.");
        check.SetAction((parse, cancellationToken) => CheckAsync(context, context.RunsDirectory(parse), cancellationToken));
        return new Command("runs", "Work with the saved runs as a whole.") { check };
    }

    private static async Task<int> CheckAsync<TStage>(CliContext<TStage> context, string runs, CancellationToken cancellationToken)
        where TStage : struct, Enum
    {
        string[] directories = Directory.Exists(runs)
            ? Directory.GetDirectories(runs).Where(dir => File.Exists(Path.Combine(dir, FileStateStore.StateFileName))).Order(StringComparer.Ordinal).ToArray()
            : [];
        int failed = 0;
        foreach (string directory in directories)
        {
            string line = await CheckRunAsync(context, directory, cancellationToken).ConfigureAwait(false);
            failed += line.StartsWith("FAIL", StringComparison.Ordinal) ? 1 : 0;
            await context.Output.WriteLineAsync(line).ConfigureAwait(false);
        }

        await context.Output.WriteLineAsync($"{directories.Length} run(s) in '{runs}': {directories.Length - failed} ok, {failed} cannot be resumed by this build.").ConfigureAwait(false);
        return failed == 0 ? ExitCodes.Complete : ExitCodes.CannotResume;
    }

    private static async Task<string> CheckRunAsync<TStage>(CliContext<TStage> context, string directory, CancellationToken cancellationToken)
        where TStage : struct, Enum
    {
        string name = Path.GetFileName(directory);
        var store = new FileStateStore(directory);
        try
        {
            // Loading is what a resume does first, and it writes nothing: a migrated run reaches disk with its next save.
            if (await SavedRun.LoadAsync(context.Workflow, store, cancellationToken).ConfigureAwait(false) is not { } saved)
            {
                return $"FAIL {name}  There is no state file in '{directory}'.";
            }

            OrchestrationStateDocument document = saved.Document;
            string version = document.WorkflowVersion ?? "unrecorded";
            string migrates = saved.MigratedFrom is { } from ? $", migrates from {from}" : "";
            return $"ok  {name}  {document.Status} at {document.CurrentStage ?? "-"} (version {version}{migrates})";
        }
        catch (Exception ex) when (ex is WorkflowStateException or IOException or UnauthorizedAccessException)
        {
            // A finished run is never resumed, so what this build cannot load of it stops nothing.
            if (await FinishedAsync(store, cancellationToken).ConfigureAwait(false) is { } finished)
            {
                return $"ok  {name}  complete at {finished.CurrentStage ?? "-"} (version {finished.WorkflowVersion ?? "unrecorded"}, finished; not carried over)";
            }

            return $"FAIL {name}  {ex.Message.ReplaceLineEndings(" ")}";
        }
    }

    private static async Task<OrchestrationStateDocument?> FinishedAsync(FileStateStore store, CancellationToken cancellationToken)
    {
        try
        {
            return await store.LoadAsync(cancellationToken).ConfigureAwait(false) is { Status: "complete" } document ? document : null;
        }
        catch (Exception ex) when (ex is WorkflowStateException or IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
