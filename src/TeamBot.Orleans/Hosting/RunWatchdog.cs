using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans;
using TeamBot.Orleans.Grains;

namespace TeamBot.Orleans.Hosting;

/// <summary>
/// Wakes unfinished runs every <see cref="TeamBotClusterOptions.WatchdogInterval"/>: a run whose silo died reactivates
/// elsewhere only when something calls it, a run submitted by a client that went away has no one else to, and a run
/// whose activation stayed in memory after its session stopped restarts only when told to.
/// </summary>
internal sealed partial class RunWatchdog(IGrainFactory grains, TeamBotClusterOptions options, ILogger<RunWatchdog> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.WatchdogInterval);
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            IReadOnlyList<string> runs;
            try
            {
                runs = await grains.GetGrain<IRunIndexGrain>(WorkflowRunGrain.RunIndexKey).ListUnfinishedAsync().ConfigureAwait(false);
            }
#pragma warning disable CA1031 // The watchdog must outlive a failed round; the next tick tries again.
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogRoundFailed(logger, ex);
                continue;
            }

            foreach (string run in runs)
            {
                // One run that cannot start (its state names a stage the workflow lost, say) must not keep the others asleep.
                try
                {
                    await grains.GetGrain<IWorkflowRunGrain>(run).WakeAsync().ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    LogRunFailed(logger, ex, run);
                }
            }
#pragma warning restore CA1031
        }
    }

    [LoggerMessage(1, LogLevel.Warning, "Listing unfinished runs failed; trying again at the next tick.")]
    private static partial void LogRoundFailed(ILogger logger, Exception exception);

    [LoggerMessage(2, LogLevel.Warning, "Waking run {RunId} failed; trying again at the next tick.")]
    private static partial void LogRunFailed(ILogger logger, Exception exception, string runId);
}
