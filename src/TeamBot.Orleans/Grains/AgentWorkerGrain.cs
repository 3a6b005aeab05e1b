using System.Threading;
using System.Threading.Tasks;
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
internal sealed class AgentWorkerGrain(SiloTeam team, RunEpochs epochs) : Grain, IAgentWorkerGrain
{
    public async Task<AgentResponse> RunAsync(AgentRequest request, RunTicket? ticket, CancellationToken cancellationToken)
    {
        try
        {
            if (ticket is not null && await epochs.IsTakenOverAsync(ticket.RunId, ticket.Epoch, cancellationToken))
            {
                // An Orleans exception, which crosses the wire (the core's RunFencedException has no codec); the caller
                // reads the epoch itself and stops its session.
                throw new OrleansException($"Run '{ticket.RunId}' was taken over since this call (epoch {ticket.Epoch}) was handed out; its agent does not start.");
            }

            return await team.Agents.Get(request.AgentId).RunAsync(request, cancellationToken);
        }
        finally
        {
            DeactivateOnIdle();
        }
    }
}
