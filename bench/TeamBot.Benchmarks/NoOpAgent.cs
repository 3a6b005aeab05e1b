using System;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using TeamBot.AcceptanceTests;
using TeamBot.Agents;

namespace TeamBot.Benchmarks;

/// <summary>
/// An agent that does no work, so a benchmark measures the engine alone: reviews approve, the spec carries one
/// scenario, the scenario passes. <see cref="Delay"/> models agents that each take a while.
/// </summary>
internal sealed class NoOpAgent(TimeSpan delay = default) : IStageAgent
{
    private static readonly Task<AgentResponse> Done = Task.FromResult(new AgentResponse { Output = "ok" });
    private static readonly Task<AgentResponse> Approve = Task.FromResult(new AgentResponse { Output = "VERIFIED_APPROVED: ok", Verdict = ReviewVerdict.Approved });
    private static readonly Task<AgentResponse> Spec = Task.FromResult(new AgentResponse { Output = "## Acceptance Test Scenarios\n\n### AT-001: Works\n**Expected Result**: It works.\n" });

    public TimeSpan Delay { get; } = delay;

    public Task<AgentResponse> RunAsync(AgentRequest request, CancellationToken cancellationToken)
    {
        if (Delay > TimeSpan.Zero)
        {
            return DelayedAsync(cancellationToken);
        }

        return request.Task switch
        {
            AgentTask.Review => Approve,
            AgentTask.RunAcceptanceTests => Task.FromResult(new AgentResponse { Output = "ok", ScenarioResults = request.Context.Scenarios.Select(s => new ScenarioResult(s.Id, ScenarioOutcome.Passed)).ToImmutableArray() }),
            _ when request.Context.Stage == "SPEC" => Spec,
            _ => Done,
        };
    }

    private async Task<AgentResponse> DelayedAsync(CancellationToken cancellationToken)
    {
        await Task.Delay(Delay, cancellationToken).ConfigureAwait(false);
        return new AgentResponse { Output = "ok" };
    }
}
