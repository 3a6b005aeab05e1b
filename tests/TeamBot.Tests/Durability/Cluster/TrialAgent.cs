using System.Threading;
using System.Threading.Tasks;
using TeamBot.Agents;

namespace TeamBot.Tests.Durability.Cluster;

/// <summary>The crash-test silos' agent, for every agent id: the current trial's scripted team answers each call a worker grain makes.</summary>
internal sealed class TrialAgent(CurrentTrial current) : IStageAgent
{
    public Task<AgentResponse> RunAsync(AgentRequest request, CancellationToken cancellationToken) =>
        current.Session.Trial.Team.RunAsync(request, cancellationToken);
}
