using System;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using Orleans;
using Orleans.Runtime;
using TeamBot.Agents;
using TeamBot.Orleans.Grains;

namespace TeamBot.Orleans.Hosting;

/// <summary>
/// The driver's agent on a cluster: each call goes to a new worker grain, which runs it on its silo's team. This is
/// all the cluster changes about where work runs; the driver builds the call and records its outcome as in a process.
/// </summary>
internal sealed partial class ClusterAgent(IGrainFactory grains, TeamBotClusterOptions options, ILogger<ClusterAgent> logger) : IStageAgent
{
    /// <summary>
    /// A call the cluster failed (the worker's silo died, the connection dropped) is handed out again, a few times.
    /// Anything else is the agent's own failure, which the driver records: a time-out too, since the agent may still
    /// be running and a second copy would work beside it.
    /// </summary>
    public async Task<AgentResponse> RunAsync(AgentRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        for (int attempt = 1; ; attempt++)
        {
            try
            {
                return await grains.GetGrain<IAgentWorkerGrain>(Guid.NewGuid()).RunAsync(request, cancellationToken).ConfigureAwait(false);
            }
            catch (OrleansException ex) when (attempt < options.WorkAttempts && !cancellationToken.IsCancellationRequested)
            {
                LogRetrying(logger, ex, request.Context.Stage, request.AgentId, attempt);
                await Task.Delay(options.RetryDelay * attempt, cancellationToken).ConfigureAwait(false);
            }
            catch (OrleansException ex) when (!cancellationToken.IsCancellationRequested)
            {
                throw new InvalidOperationException($"the cluster could not run it after {attempt} attempts: {ex.Message}", ex);
            }
        }
    }

    [LoggerMessage(1, LogLevel.Warning, "Stage {Stage}: handing the call to {Agent} out again after attempt {Attempt} failed.")]
    private static partial void LogRetrying(ILogger logger, Exception exception, string stage, string agent, int attempt);
}
