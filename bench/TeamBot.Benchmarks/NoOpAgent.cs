using System.Threading;
using System.Threading.Tasks;
using TeamBot.Agents;

namespace TeamBot.Benchmarks;

/// <summary>An agent that does nothing, so a benchmark measures the engine alone.</summary>
internal sealed class NoOpAgent : IStageAgent
{
    private static readonly Task<AgentResponse> Done = Task.FromResult(new AgentResponse { Output = "ok" });
    private static readonly Task<AgentResponse> Approve = Task.FromResult(new AgentResponse { Output = "VERIFIED_APPROVED: ok", Verdict = ReviewVerdict.Approved });

    public Task<AgentResponse> RunAsync(AgentRequest request, CancellationToken cancellationToken) =>
        request.Task == AgentTask.Review ? Approve : Done;
}
