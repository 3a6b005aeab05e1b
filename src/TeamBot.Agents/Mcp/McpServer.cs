using System;
using System.Collections.Generic;

namespace TeamBot.Agents.Mcp;

/// <summary>
/// An MCP (Model Context Protocol) server that a <see cref="ChatClientAgent"/> starts over stdio, the first time a
/// stage's permissions grant one of its tools (<c>mcp:&lt;server&gt;</c> or <c>mcp:&lt;server&gt;/&lt;tool&gt;</c>).
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
