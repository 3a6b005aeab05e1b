using System;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using Orleans;
using Orleans.Runtime;
using TeamBot.Agents;
using TeamBot.Orleans.Grains;
using TeamBot.Orleans.Storage;
using TeamBot.State;

namespace TeamBot.Orleans.Hosting;

/// <summary>
/// The driver's agent on a cluster: each call goes to a new worker grain, which runs it on its silo's team. This is
/// all the cluster changes about where work runs; the driver builds the call and records its outcome as in a process.
/// </summary>
internal sealed partial class ClusterAgent(IGrainFactory grains, TeamBotClusterOptions options, RunEpochs epochs, ILogger<ClusterAgent> logger) : IStageAgent
{
    /// <summary>
    /// A call the cluster failed is handed out again, a few times: the worker's silo died or the connection dropped
    /// (an <see cref="OrleansException"/>), the worker's silo stopped and cancelled it (a cancellation the caller did
    /// not ask for), or it outlived <see cref="TeamBotClusterOptions.WorkAttemptTimeout"/> (its worker hung). None of
    /// these is the agent's failure, so none may fail the stage while attempts remain. Anything else is the agent's own
    /// failure, which the driver records. A call of a session that another activation took the run over from is
    /// neither: it throws <see cref="State.RunFencedException"/>, which stops the session.
    /// </summary>
    public async Task<AgentResponse> RunAsync(AgentRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        RunTicket? ticket = RunTicket.Current;
        for (int attempt = 1; ; attempt++)
        {
            using var attemptLimit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            attemptLimit.CancelAfter(options.WorkAttemptTimeout);
            Exception failure;
            try
            {
                // WaitAsync too: a call to a silo that died may never see its cancellation.
                return await grains.GetGrain<IAgentWorkerGrain>(Guid.NewGuid()).RunAsync(request, ticket, attemptLimit.Token)
                    .WaitAsync(attemptLimit.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                // However the worker's refusal arrived (Orleans may not rebuild the exception's type), the epoch tells
                // whether the run was taken over: then the session stops, rather than retry or fail the stage.
                if (ticket is not null && await IsFencedAsync(ticket).ConfigureAwait(false))
                {
                    throw new RunFencedException($"Run '{ticket.RunId}' was taken over by a newer session while its agent '{request.AgentId}' worked on {request.Context.Stage}.", ex);
                }

                if (ex is OperationCanceledException && attemptLimit.IsCancellationRequested)
                {
                    failure = new TimeoutException($"the worker did not answer within {options.WorkAttemptTimeout}", ex);
                }
                else if (ex is OrleansException or TimeoutException or OperationCanceledException)
                {
                    // An OperationCanceledException here was not asked for by the caller: the worker's silo stopped and cancelled its calls.
                    failure = ex;
                }
                else
                {
                    throw;
                }
            }

            if (attempt >= options.WorkAttempts)
            {
                throw new InvalidOperationException($"the cluster could not run it after {attempt} attempts: {failure.Message}", failure);
            }

            LogRetrying(logger, failure, request.Context.Stage, request.AgentId, attempt);
            await Task.Delay(options.RetryDelay * attempt, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Whether the run was taken over since the ticket's session began.</summary>
    private async Task<bool> IsFencedAsync(RunTicket ticket)
    {
        try
        {
            await epochs.EnsureCurrentAsync(ticket.RunId, ticket.Epoch, CancellationToken.None).ConfigureAwait(false);
            return false;
        }
        catch (RunFencedException)
        {
            return true;
        }
    }

    [LoggerMessage(1, LogLevel.Warning, "Stage {Stage}: handing the call to {Agent} out again after attempt {Attempt} failed.")]
    private static partial void LogRetrying(ILogger logger, Exception exception, string stage, string agent, int attempt);
}
