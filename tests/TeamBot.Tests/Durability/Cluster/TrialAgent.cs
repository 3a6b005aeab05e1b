using System;
using System.Threading;
using System.Threading.Tasks;
using TeamBot.Agents;

namespace TeamBot.Tests.Durability.Cluster;

/// <summary>
/// The crash-test silos' agent, for every agent id: the current trial's scripted team answers each call a worker grain
/// makes, after <paramref name="startDelay"/>: a worker slow to start its agent, as under load, which its run's stop
/// does not hurry (the call may have left before the stop).
/// </summary>
internal sealed class TrialAgent(CurrentTrial current, TimeSpan startDelay) : IStageAgent
{
    public async Task<AgentResponse> RunAsync(AgentRequest request, CancellationToken cancellationToken)
    {
        if (startDelay > TimeSpan.Zero)
        {
            await Task.Delay(startDelay, CancellationToken.None).ConfigureAwait(false);
        }

        return await current.Session.Trial.Team.RunAsync(request, cancellationToken).ConfigureAwait(false);
    }
}
