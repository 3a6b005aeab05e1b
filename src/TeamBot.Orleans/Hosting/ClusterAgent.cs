using System;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using Orleans;
using Orleans.Runtime;
using TeamBot.Agents;
using TeamBot.Orleans.Grains;
using TeamBot.Orleans.Storage;

namespace TeamBot.Orleans.Hosting;

/// <summary>
/// The driver's agent on a cluster: each call goes to a new worker grain, which runs it on its silo's team. This is
/// all the cluster changes about where work runs; the driver builds the call and records its outcome as in a process.
/// </summary>
internal sealed partial class ClusterAgent(IGrainFactory grains, TeamBotClusterOptions options, RunEpochs epochs, ILogger<ClusterAgent> logger) : IStageAgent
{
    /// <summary>
    /// A call the cluster failed (the worker's silo died, the connection dropped) is handed out again, a few times.
    /// Anything else is the agent's own failure, which the driver records: a time-out too, since the agent may still
    /// be running and a second copy would work beside it. A call of a session that another activation took the run
    /// over from is neither: it throws <see cref="State.RunFencedException"/>, which stops the session.
    /// </summary>
    public async Task<AgentResponse> RunAsync(AgentRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        RunTicket? ticket = RunTicket.Current;
        for (int attempt = 1; ; attempt++)
        {
            try
            {
                return await grains.GetGrain<IAgentWorkerGrain>(Guid.NewGuid()).RunAsync(request, ticket, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // However the worker's refusal arrived (Orleans may not rebuild the exception's type), the epoch tells
                // whether the run was taken over: then the session stops, rather than retry or fail the stage.
                if (ticket is not null)
                {
                    await epochs.EnsureCurrentAsync(ticket.RunId, ticket.Epoch, CancellationToken.None).ConfigureAwait(false);
                }

                if (ex is not OrleansException || cancellationToken.IsCancellationRequested)
                {
                    throw;
                }

                if (attempt >= options.WorkAttempts)
                {
                    throw new InvalidOperationException($"the cluster could not run it after {attempt} attempts: {ex.Message}", ex);
                }

                LogRetrying(logger, ex, request.Context.Stage, request.AgentId, attempt);
            }

            await Task.Delay(options.RetryDelay * attempt, cancellationToken).ConfigureAwait(false);
        }
    }

    [LoggerMessage(1, LogLevel.Warning, "Stage {Stage}: handing the call to {Agent} out again after attempt {Attempt} failed.")]
    private static partial void LogRetrying(ILogger logger, Exception exception, string stage, string agent, int attempt);
}
