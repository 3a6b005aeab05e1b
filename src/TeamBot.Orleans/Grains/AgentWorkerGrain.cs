using System.Threading;
using System.Threading.Tasks;
using Orleans;
using Orleans.Placement;
using TeamBot.Agents;
using TeamBot.Orleans.Hosting;

namespace TeamBot.Orleans.Grains;

/// <summary>
/// Calls an agent of its silo's team. Placed at random so that a run's work spreads over the silos; each activation
/// serves one call and then lets itself be collected.
/// </summary>
[RandomPlacement]
internal sealed class AgentWorkerGrain(SiloTeam team) : Grain, IAgentWorkerGrain
{
    public async Task<AgentResponse> RunAsync(AgentRequest request, CancellationToken cancellationToken)
    {
        try
        {
            return await team.Agents.Get(request.AgentId).RunAsync(request, cancellationToken);
        }
        finally
        {
            DeactivateOnIdle();
        }
    }
}
