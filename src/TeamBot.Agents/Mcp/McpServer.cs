using System;
using System.Collections.Generic;

namespace TeamBot.Agents.Mcp;

/// <summary>
/// An MCP (Model Context Protocol) server whose tools a stage's permissions may grant (<c>mcp:&lt;server&gt;</c> or
/// <c>mcp:&lt;server&gt;/&lt;tool&gt;</c>). A <see cref="ChatClientAgent"/> starts it over stdio the first time a call is
/// granted one of its tools; a <see cref="Copilot.CopilotAgent"/> gives it to each Copilot session, and the CLI starts it.
/// </summary>
/// <param name="Name">The name permissions use for it (<c>mcp:<paramref name="Name"/></c>).</param>
/// <param name="Command">The program that runs the server, as on <c>PATH</c> or a path.</param>
public sealed record McpServer(string Name, string Command)
{
    /// <summary>Gets the program's arguments.</summary>
    public IReadOnlyList<string> Arguments { get; init; } = [];

    /// <summary>Gets the environment variables set for the server besides the ones it inherits; <see langword="null"/>: none.</summary>
    public IReadOnlyDictionary<string, string>? Environment { get; init; }
}
