using System;
using System.Collections.Generic;
using TeamBot.Agents.Mcp;

namespace TeamBot.Agents.Copilot;

/// <summary>
/// The <c>mcpServers</c> of a <c>session.create</c>: every configured server, each with all its tools. A session
/// serves one agent in every stage it works in, while grants are per stage, so no tool list chosen at creation could
/// be right for every call: the CLI starts every server, and each call's grants are held at the CLI's <c>mcp</c>
/// permission prompts (<see cref="CopilotPermissions"/>).
/// </summary>
internal static class CopilotMcpServers
{
    /// <summary>The servers, started in <paramref name="workingDirectory"/>; <see langword="null"/> when none is configured, so the request stays as it was.</summary>
    public static IReadOnlyDictionary<string, McpServerConfig>? For(IReadOnlyList<McpServer> servers, string workingDirectory)
    {
        if (servers.Count == 0)
        {
            return null;
        }

        // A name given twice keeps its last server, as ChatClientAgent's pool does.
        var byName = new Dictionary<string, McpServerConfig>(StringComparer.Ordinal);
        foreach (McpServer server in servers)
        {
            byName[server.Name] = new McpServerConfig { Command = server.Command, Args = server.Arguments, Env = server.Environment, Cwd = workingDirectory };
        }

        return byName;
    }
}
