namespace TeamBot.Agents;

/// <summary>What an <see cref="AgentActivity"/> reports.</summary>
public enum AgentActivityKind
{
    /// <summary>The agent streamed part of its answer.</summary>
    Text,

    /// <summary>A tool call returned (or was refused).</summary>
    ToolCall,
}
