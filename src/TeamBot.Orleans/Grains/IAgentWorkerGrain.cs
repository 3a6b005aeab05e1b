using System.Threading;
using System.Threading.Tasks;
using Orleans;
using TeamBot.Agents;

namespace TeamBot.Orleans.Grains;

/// <summary>Runs one agent call on whichever silo it is placed; one activation per call.</summary>
internal interface IAgentWorkerGrain : IGrainWithGuidKey
{
    /// <summary>Calls the silo's agent named in <paramref name="request"/>.</summary>
    /// <param name="request">The call, as the driver built it.</param>
    /// <param name="ticket">The run session it is for; refused when another session took the run over since.</param>
    /// <param name="activity">Where the agent's activity goes for the run's live view; <see langword="null"/>: nobody listens.</param>
    /// <param name="cancellationToken">Cancelled when the run stops or the stage's time limit runs out.</param>
    /// <exception cref="State.RunFencedException">The run was taken over since the ticket was issued.</exception>
    Task<AgentResponse> RunAsync(AgentRequest request, RunTicket? ticket, IAgentActivityObserver? activity, CancellationToken cancellationToken);
}
