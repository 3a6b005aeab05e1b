using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.Extensions.AI;
using TeamBot.AcceptanceTests;

using TeamBot.Rules;

namespace TeamBot.Agents;

/// <summary>What an agent produced.</summary>
public sealed record AgentResponse
{
    /// <summary>Gets the agent's output text.</summary>
    public required string Output { get; init; }

    /// <summary>Gets the files to write, by path relative to the run's artifacts folder.</summary>
    public IReadOnlyDictionary<string, string> Artifacts { get; init; } = ImmutableDictionary<string, string>.Empty;

    /// <summary>Gets the verdict of a review; when absent the output's text decides (see <see cref="ReviewVerdicts"/>).</summary>
    public ReviewVerdict? Verdict { get; init; }

    /// <summary>Gets one result per acceptance-test scenario, for <see cref="AgentTask.RunAcceptanceTests"/>.</summary>
    public ImmutableArray<ScenarioResult> ScenarioResults { get; init; } = [];

    /// <summary>Gets the tools the agent called while it worked, in order (for the journal, the live view and transcripts).</summary>
    public ImmutableArray<ToolCall> ToolCalls { get; init; } = [];

    /// <summary>
    /// Gets the tokens the call used, as the model reported them (summed over every request the call made); counted per
    /// stage, agent and run, checked against the run's budget and exported as <c>gen_ai.client.token.usage</c>.
    /// <see langword="null"/> when the agent does not know.
    /// </summary>
    public UsageDetails? Usage { get; init; }

    /// <summary>Gets the model that answered, when the agent knows; the run's cost is counted at its price.</summary>
    public string? ModelId { get; init; }
}
