using System.Collections.Generic;

namespace TeamBot.Agents.Copilot;

// The requests TeamBot sends to the Copilot CLI. Each is a method's single params object (the CLI reads params by
// name, never as a positional array); names are camelCase on the wire (CopilotJsonContext).

/// <summary>Params of <c>ping</c>: the CLI echoes the message and says which protocol it speaks.</summary>
internal sealed record PingRequest(string Message);

/// <summary>Params of <c>session.create</c>: one conversation with its own system message and tool bounds.</summary>
internal sealed record SessionCreateRequest
{
    public required string ClientName { get; init; }

    public string? Model { get; init; }

    public required SystemMessageConfig SystemMessage { get; init; }

    public IReadOnlyList<string>? AvailableTools { get; init; }

    public IReadOnlyList<string>? ExcludedTools { get; init; }

    public required string WorkingDirectory { get; init; }

    // The MCP servers the CLI starts for the session, by name (CopilotMcpServers); null when none is configured.
    public IReadOnlyDictionary<string, McpServerConfig>? McpServers { get; init; }

    // Asks for permission prompts as permission.requested events, so TeamBot, not the CLI's defaults, decides.
    public bool RequestPermission { get; init; } = true;

    // Asks for assistant.message_delta events as the answer is written.
    public bool Streaming { get; init; } = true;
}

/// <summary>
/// One server of <c>session.create</c>'s <c>mcpServers</c>: a program the CLI starts in <see cref="Cwd"/> and speaks MCP
/// to over stdio. It has no <c>tools</c> filter, so the session gets all the server's tools (see CopilotMcpServers).
/// </summary>
internal sealed record McpServerConfig
{
    public string Type { get; } = "stdio";

    public required string Command { get; init; }

    public required IReadOnlyList<string> Args { get; init; }

    public IReadOnlyDictionary<string, string>? Env { get; init; }

    public required string Cwd { get; init; }
}

/// <summary>The persona: <c>append</c> keeps the CLI's own instructions for its tools and adds the agent's.</summary>
internal sealed record SystemMessageConfig(string Mode, string Content);

/// <summary>Params of <c>session.send</c>: one user message; the answer comes as session events up to <c>session.idle</c>.</summary>
internal sealed record SessionSendRequest(string SessionId, string Prompt);

/// <summary>Params of the methods that only name a session: <c>session.abort</c>, <c>session.destroy</c>.</summary>
internal sealed record SessionRequest(string SessionId);

/// <summary>Params of <c>session.permissions.handlePendingPermissionRequest</c>: the answer to one permission prompt.</summary>
internal sealed record PermissionDecisionRequest(string SessionId, string RequestId, PermissionDecision Result);

/// <summary>A permission decision; <see cref="Kind"/> is <c>approve-once</c> or <c>reject</c>.</summary>
internal sealed record PermissionDecision(string Kind, string? Feedback = null);
