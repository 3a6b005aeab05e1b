namespace TeamBot.Agents.Replay;

/// <summary>A call whose input is not the recorded one: where it is, and how its prompt differs.</summary>
/// <param name="Call">The call's number in the replay, from 1.</param>
/// <param name="Stage">The stage's persisted name.</param>
/// <param name="Iteration">The review iteration or acceptance-test run.</param>
/// <param name="Agent">The agent's id.</param>
/// <param name="Task">What the agent was asked.</param>
/// <param name="Difference">A line diff of the recorded prompt (<c>-</c>) and this one (<c>+</c>), or why there is no recorded call to compare.</param>
public sealed record ReplayMismatch(int Call, string Stage, int Iteration, string Agent, AgentTask Task, string Difference)
{
    /// <summary>Gets the mismatch in words, with its diff.</summary>
    public string Describe() =>
        $"Replay differs from the transcript at call {Call}: stage {Stage}, iteration {Iteration}, {Agent} ({Task}).\n{Difference}";
}
