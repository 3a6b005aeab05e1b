using System.Threading;
using System.Threading.Tasks;

namespace TeamBot.Agents;

/// <summary>An agent of the team (pm, ba, writer, builder-1, builder-2, reviewer...), called once per piece of work.</summary>
public interface IStageAgent
{
    /// <summary>Does the work the request asks for.</summary>
    /// <param name="request">The task and its context.</param>
    /// <param name="cancellationToken">Cancelled when the run is cancelled or the stage's time limit runs out.</param>
    /// <returns>The output, the artifacts to write and, for reviews and acceptance tests, the results.</returns>
    Task<AgentResponse> RunAsync(AgentRequest request, CancellationToken cancellationToken);
}
