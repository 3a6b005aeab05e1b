using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans;
using Orleans.Placement;
using Orleans.Runtime;
using TeamBot.Agents;
using TeamBot.Orleans.Hosting;
using TeamBot.Orleans.Storage;

namespace TeamBot.Orleans.Grains;

/// <summary>
/// Calls an agent of its silo's team. Placed at random so that a run's work spreads over the silos; each activation
/// serves one call and then lets itself be collected. A call whose run was taken over by another activation since it
/// was issued (a retry handed out late, a stale activation's work) is refused before its agent starts.
/// </summary>
[RandomPlacement]
internal sealed class AgentWorkerGrain(SiloTeam team, RunEpochs epochs, IHostApplicationLifetime lifetime, ILogger<AgentWorkerGrain> logger) : Grain, IAgentWorkerGrain
{
    public async Task<AgentResponse> RunAsync(AgentRequest request, RunTicket? ticket, IAgentActivityObserver? activity, CancellationToken cancellationToken)
    {
        // The silo stopping cancels the call too: its caller, on another silo that keeps running, would never cancel it,
        // and the stop would wait for an agent that may take minutes, up to the host's shutdown timeout. The caller
        // hands a call cancelled this way out again, to a silo that stays.
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, lifetime.ApplicationStopping);
        CancellationToken callToken = stop.Token;
        try
        {
            if (ticket is not null && await epochs.IsTakenOverAsync(ticket.RunId, ticket.Epoch, callToken))
            {
                // An Orleans exception, which crosses the wire (the core's RunFencedException has no codec); the caller
                // reads the epoch itself and stops its session.
                throw new OrleansException($"Run '{ticket.RunId}' was taken over since this call (epoch {ticket.Epoch}) was handed out; its agent does not start.");
            }

            // The run stopped while the call was on its way: its caller waits for this answer, and the agent never starts.
            callToken.ThrowIfCancellationRequested();
            IStageAgent agent = team.Agents.Get(request.AgentId);
            request = request with { Context = request.Context with { StageValue = team.StageOf(request.Context.Stage) } };
            if (activity is null)
            {
                return await agent.RunAsync(request, callToken);
            }

            var batcher = new ActivityBatcher(activity, logger, request.AgentId, request.Context.Stage);
            try
            {
                return await agent.RunAsync(request with { Activity = batcher }, callToken);
            }
            finally
            {
                // The last batch is taken before the answer leaves, so no activity follows the stage's result; a cancelled
                // call's caller has stopped listening.
                await batcher.CloseAsync(deliver: !callToken.IsCancellationRequested);
            }
        }
        finally
        {
            DeactivateOnIdle();
        }
    }
}
