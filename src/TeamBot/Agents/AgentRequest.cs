using System;

namespace TeamBot.Agents;

/// <summary>One call to an agent.</summary>
/// <param name="AgentId">The agent's id from stages.yaml (for example <c>builder-1</c>).</param>
/// <param name="Task">What the agent is asked to do.</param>
/// <param name="Context">The stage's context.</param>
public sealed record AgentRequest(string AgentId, AgentTask Task, StageContext Context)
{
    /// <summary>Gets where the agent reports what it does as it works (streamed text, tool calls); may be <see langword="null"/>.</summary>
    public IProgress<AgentActivity>? Activity { get; init; }
}
