using System;
using System.Diagnostics;
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
    /// neither: it throws <see cref="State.RunFencedException"/>, which stops the session (and
    /// <see cref="State.RunStorageException"/> when the epoch that tells cannot be read).
    /// </summary>
    public async Task<AgentResponse> RunAsync(AgentRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        RunTicket? ticket = RunTicket.Current;
        long firstFailure = 0;
        for (int attempt = 1; ; attempt++)
        {
            using var attemptLimit = new CancellationTokenSource(options.WorkAttemptTimeout);
            using var attemptStop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, attemptLimit.Token);
            Exception failure;
            try
            {
                return await AttemptAsync(request, ticket, attemptStop.Token, attemptLimit.Token).ConfigureAwait(false);
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

            firstFailure = firstFailure == 0 ? Stopwatch.GetTimestamp() : firstFailure;
            bool clusterRecovering = failure is OrleansException && Stopwatch.GetElapsedTime(firstFailure) < options.ClusterRecoveryTime;
            if (attempt >= options.WorkAttempts && !clusterRecovering)
            {
                throw new InvalidOperationException($"the cluster could not run it after {attempt} attempts: {failure.Message}", failure);
            }

            LogRetrying(logger, failure, request.Context.Stage, request.AgentId, attempt);
            await Task.Delay(options.RetryDelay * Math.Min(attempt, options.WorkAttempts), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// One attempt, on a new worker. The agent's activity comes back through an observer of this attempt alone, closed
    /// when the attempt ends: an attempt given up on may still be working, and its reports must not follow the next
    /// attempt's. The worker sends its last batch before its answer, so a call that succeeds loses none.
    /// </summary>
    /// <param name="request">The call.</param>
    /// <param name="ticket">The session it is for.</param>
    /// <param name="stop">Stops the worker: the run stops, or the attempt ran out of time.</param>
    /// <param name="giveUp">Stops waiting for the worker: the attempt ran out of time.</param>
    /// <remarks>
    /// Only an attempt out of time is given up at once: its worker may hang, or its silo have died unnoticed, and the call
    /// goes to another. When the run stops, the worker is told and its answer awaited (the silo waits for a cancelled
    /// call's callee, see <see cref="TeamBotSiloBuilderExtensions.AddTeamBot"/>): so the session's driver, which waits for
    /// its work before it returns, returns only once no agent of the session runs, or is yet to start. Given up at the
    /// stop, a call still queued for its worker would start its agent after the session had ended, even beside the next
    /// session's call of the same stage; a crash could not leave that behind. The driver's grace period still bounds
    /// the wait for a worker that never answers.
    /// </remarks>
    private async Task<AgentResponse> AttemptAsync(AgentRequest request, RunTicket? ticket, CancellationToken stop, CancellationToken giveUp)
    {
        IAgentWorkerGrain worker = grains.GetGrain<IAgentWorkerGrain>(Guid.NewGuid());
        if (request.Activity is null)
        {
            return await worker.RunAsync(request, ticket, null, stop).WaitAsync(giveUp).ConfigureAwait(false);
        }

        // Orleans holds the object weakly: this method keeps it alive until the attempt ends.
        var activity = new AttemptActivity(request.Activity);
        IAgentActivityObserver observer = grains.CreateObjectReference<IAgentActivityObserver>(activity);
        try
        {
            return await worker.RunAsync(request, ticket, observer, stop).WaitAsync(giveUp).ConfigureAwait(false);
        }
        finally
        {
            activity.Close();
            grains.DeleteObjectReference<IAgentActivityObserver>(observer);
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
