using System;
using System.Collections.Generic;
using TeamBot.Agents.Mcp;

namespace TeamBot.Agents.Copilot;

/// <summary>
/// How a <see cref="CopilotAgent"/> starts the GitHub Copilot CLI and what its sessions may do. The CLI runs its own
/// tools (shell, file reads and edits, web fetches, MCP servers); these options bound which tools a session sees and
/// which of the CLI's permission prompts are approved. Everything else the CLI enforces on its own.
/// </summary>
public sealed record CopilotAgentOptions
{
    /// <summary>The environment variable that points at the <c>copilot</c> executable when <see cref="CliPath"/> is not set.</summary>
    public const string CliPathVariable = "COPILOT_CLI_PATH";

    /// <summary>
    /// Gets the <c>copilot</c> executable (a path, or a name looked up on PATH; a <c>.js</c> file is run with node);
    /// <see langword="null"/>: <see cref="CliPathVariable"/>, else <c>copilot</c> on PATH.
    /// </summary>
    public string? CliPath { get; init; }

    /// <summary>Gets the folder the CLI runs in and its sessions work in; <see langword="null"/>: the current directory.</summary>
    public string? WorkingDirectory { get; init; }

    /// <summary>Gets the model each session uses; <see langword="null"/>: the CLI's default.</summary>
    public string? Model { get; init; }

    /// <summary>
    /// Gets the only tools of the CLI a session may use (the protocol's <c>availableTools</c>, tool names such as
    /// <c>view</c> or <c>shell</c>); <see langword="null"/>: all of them.
    /// </summary>
    public IReadOnlyList<string>? AllowedTools { get; init; }

    /// <summary>Gets tools of the CLI a session may not use (the protocol's <c>excludedTools</c>); they win over <see cref="AllowedTools"/>.</summary>
    public IReadOnlyList<string>? DeniedTools { get; init; }

    /// <summary>
    /// Gets the kinds of the CLI's permission prompts that are approved (once each); every other prompt is refused and
    /// recorded as a refused tool call. The CLI's kinds include <c>read</c>, <c>write</c>, <c>shell</c>, <c>url</c>,
    /// <c>mcp</c>, <c>memory</c> and <c>custom-tool</c>. Default: <c>read</c> only, since TeamBot writes the artifacts
    /// itself from the answer.
    /// </summary>
    public IReadOnlySet<string> ApprovedPermissions { get; init; } = new HashSet<string>(StringComparer.Ordinal) { "read" };

    /// <summary>
    /// Gets the MCP servers each session is given (<c>session.create</c>'s <c>mcpServers</c>): the CLI starts them, in
    /// the session's working directory, and offers the model all their tools. A call may use only the ones its stage's
    /// <c>permissions.tools</c> grants (<c>mcp:&lt;server&gt;</c> or <c>mcp:&lt;server&gt;/&lt;tool&gt;</c>; a review
    /// none): the CLI's <c>mcp</c> permission prompt for any other is refused. Without stage permissions,
    /// <see cref="ApprovedPermissions"/> decides (<c>mcp</c> is not approved by default).
    /// </summary>
    public IReadOnlyList<McpServer> McpServers { get; init; } = [];

    /// <summary>Gets how long the CLI may take to start and answer its first request.</summary>
    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Gets how long a cancelled call waits for the CLI to confirm the abort before it gives up waiting.</summary>
    public TimeSpan AbortTimeout { get; init; } = TimeSpan.FromSeconds(5);
}
