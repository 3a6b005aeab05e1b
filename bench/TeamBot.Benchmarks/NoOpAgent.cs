using System;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using TeamBot.AcceptanceTests;
using TeamBot.Agents;
using TeamBot.Rules;

namespace TeamBot.Benchmarks;

/// <summary>
/// An agent that does no work, so a benchmark measures the engine alone: reviews approve, the spec carries one
/// scenario, the scenario passes. <see cref="Delay"/> models agents that each take a while.
/// </summary>
internal sealed class NoOpAgent(TimeSpan delay = default) : IStageAgent
{
    // The test command a stage that may run commands wants behind the passes (the acceptance safeguard).
    private static readonly ImmutableArray<ToolCall> TestRun = [new ToolCall("run_command", "{\"program\":\"dotnet\"}", "exit code 0", Refused: false)];

    private static readonly Task<AgentResponse> Done = Task.FromResult(new AgentResponse { Output = "ok" });
    private static readonly Task<AgentResponse> Approve = Task.FromResult(new AgentResponse { Output = "VERIFIED_APPROVED: ok", Verdict = ReviewVerdict.Approved });
    private static readonly Task<AgentResponse> Spec = Task.FromResult(new AgentResponse { Output = "## Acceptance Test Scenarios\n\n### AT-001: Works\n**Expected Result**: It works.\n" });

    public TimeSpan Delay { get; } = delay;

    public Task<AgentResponse> RunAsync(AgentRequest request, CancellationToken cancellationToken) =>
        Delay > TimeSpan.Zero ? DelayedAsync(request, cancellationToken) : Answer(request);

    /// <summary>The answer that lets a run complete: the spec keeps its scenario through its review (the revised work
    /// replaces the spec's output), so the acceptance gate finds it.</summary>
    private static Task<AgentResponse> Answer(AgentRequest request) => request.Task switch
    {
        AgentTask.Review => Approve,
        AgentTask.RunAcceptanceTests => Task.FromResult(new AgentResponse { Output = "ok", ScenarioResults = request.Context.Scenarios.Select(s => new ScenarioResult(s.Id, ScenarioOutcome.Passed)).ToImmutableArray(), ToolCalls = TestRun }),
        _ when request.Context.Stage is "SPEC" or "SPEC_REVIEW" => Spec,
        _ => Done,
    };

    private async Task<AgentResponse> DelayedAsync(AgentRequest request, CancellationToken cancellationToken)
    {
        await Task.Delay(Delay, cancellationToken).ConfigureAwait(false);
        return await Answer(request).ConfigureAwait(false);
    }
}
