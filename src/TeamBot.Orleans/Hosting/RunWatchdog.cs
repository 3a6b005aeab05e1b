using System;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans;
using TeamBot.Orleans.Grains;

namespace TeamBot.Orleans.Hosting;

/// <summary>
/// Wakes unfinished runs now and then: a run whose silo died reactivates elsewhere only when something calls it, and
/// a run submitted by a client that went away has no one else to.
/// </summary>
internal sealed partial class RunWatchdog(IGrainFactory grains, TeamBotClusterOptions options, ILogger<RunWatchdog> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.WatchdogInterval);
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            try
            {
                foreach (string run in await grains.GetGrain<IRunIndexGrain>(WorkflowRunGrain.RunIndexKey).ListUnfinishedAsync().ConfigureAwait(false))
                {
                    await grains.GetGrain<IWorkflowRunGrain>(run).GetProgressAsync(int.MaxValue).ConfigureAwait(false);
                }
            }
#pragma warning disable CA1031 // The watchdog must outlive a failed round; the next tick tries again.
            catch (Exception ex) when (ex is not OperationCanceledException)
#pragma warning restore CA1031
            {
                LogRoundFailed(logger, ex);
            }
        }
    }

    [LoggerMessage(1, LogLevel.Warning, "Waking unfinished runs failed; trying again at the next tick.")]
    private static partial void LogRoundFailed(ILogger logger, Exception exception);
}
