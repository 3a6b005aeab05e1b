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
    /// A call the cluster failed is handed out again, a few times: the worker's silo died or the connection dropped
    /// (an <see cref="OrleansException"/>), the worker's silo stopped and cancelled it (a cancellation the caller did
    /// not ask for), or it outlived <see cref="TeamBotClusterOptions.WorkAttemptTimeout"/> (its worker hung). None of
    /// these is the agent's failure, so none may fail the stage while attempts remain. Anything else is the agent's own
    /// failure, which the driver records.
    /// </summary>
    public async Task<AgentResponse> RunAsync(AgentRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        for (int attempt = 1; ; attempt++)
        {
            using var attemptLimit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            attemptLimit.CancelAfter(options.WorkAttemptTimeout);
            Exception failure;
            try
            {
                // WaitAsync too: a call to a silo that died may never see its cancellation.
                return await grains.GetGrain<IAgentWorkerGrain>(Guid.NewGuid()).RunAsync(request, attemptLimit.Token)
                    .WaitAsync(attemptLimit.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested && attemptLimit.IsCancellationRequested)
            {
                failure = new TimeoutException($"the worker did not answer within {options.WorkAttemptTimeout}", ex);
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested && ex is OrleansException or TimeoutException or OperationCanceledException)
            {
                // An OperationCanceledException here was not asked for by the caller: the worker's silo stopped and cancelled its calls.
                failure = ex;
            }

            if (attempt >= options.WorkAttempts)
            {
                throw new InvalidOperationException($"the cluster could not run it after {attempt} attempts: {failure.Message}", failure);
            }

            LogRetrying(logger, failure, request.Context.Stage, request.AgentId, attempt);
            await Task.Delay(options.RetryDelay * attempt, cancellationToken).ConfigureAwait(false);
        }
    }

    [LoggerMessage(1, LogLevel.Warning, "Stage {Stage}: handing the call to {Agent} out again after attempt {Attempt} failed.")]
    private static partial void LogRetrying(ILogger logger, Exception exception, string stage, string agent, int attempt);
}
