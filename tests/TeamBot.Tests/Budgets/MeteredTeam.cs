using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using TeamBot.Agents;
using TeamBot.Testing;

namespace TeamBot.Tests.Budgets;

/// <summary>A scripted team that keeps, in call order, the calls it answered and the tokens each reported.</summary>
internal sealed class MeteredTeam(ScriptedTeam team) : IStageAgent
{
    private readonly List<(AgentCall Call, long Tokens)> _answered = [];

    public ScriptedTeam Team { get; } = team;

    public IReadOnlyList<(AgentCall Call, long Tokens)> Answered
    {
        get
        {
            lock (_answered)
            {
                return [.. _answered];
            }
        }
    }

    public async Task<AgentResponse> RunAsync(AgentRequest request, CancellationToken cancellationToken)
    {
        AgentResponse response = await Team.RunAsync(request, cancellationToken);
        lock (_answered)
        {
            _answered.Add((AgentCall.From(request), response.Usage?.TotalTokenCount ?? 0));
        }

        return response;
    }
}
