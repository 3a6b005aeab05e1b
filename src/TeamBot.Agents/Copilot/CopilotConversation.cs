using System.Threading;

namespace TeamBot.Agents.Copilot;

/// <summary>One agent's Copilot session: kept across stages, so the agent remembers its earlier work, one turn at a time.</summary>
internal sealed class CopilotConversation(string sessionId)
{
    /// <summary>Gets the CLI's id of the session.</summary>
    public string SessionId { get; } = sessionId;

    /// <summary>Gets the gate that keeps one message in flight per session, so the conversation stays in order.</summary>
    public SemaphoreSlim Gate { get; } = new(1, 1);

    /// <summary>Gets or sets the turn the session's events belong to; <see langword="null"/> between turns, when events are dropped.</summary>
    public CopilotTurn? Current { get; set; }
}
