using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;
using ModelContextProtocol.Client;
using TeamBot.Rules;

namespace TeamBot.Agents.Mcp;

/// <summary>The MCP tools one call is offered: exactly those its stage's permissions grant, and no others.</summary>
internal static class McpToolOffer
{
    /// <summary>
    /// Checks that every server <paramref name="grants"/> names is configured, before the call starts anything.
    /// </summary>
    /// <exception cref="InvalidOperationException">A granted server is not configured; the message says how to configure it.</exception>
    public static void CheckConfigured(McpGrants grants, McpServerPool pool, AgentRequest request)
    {
        if (grants.Servers.FirstOrDefault(server => !pool.IsConfigured(server)) is { } missing)
        {
            string configured = pool.Names.Count == 0 ? "none is configured" : $"configured: {string.Join(", ", pool.Names)}";
            throw new InvalidOperationException(
                $"The stage '{request.Context.Stage}' grants tools of the MCP server '{missing}' (mcp:{missing}), but no MCP server of that name is configured ({configured}). "
                + $"Name it in the file given to --mcp-config, as \"mcpServers\": {{ \"{missing}\": {{ \"command\": \"...\", \"args\": [...] }} }}, or in ChatClientAgentOptions.McpServers.");
        }
    }

    /// <summary>The granted tools, each recorded through <paramref name="onCall"/>; starts the servers they belong to.</summary>
    /// <exception cref="InvalidOperationException">A server did not start, or does not have a tool the permissions name.</exception>
    public static async Task<IReadOnlyList<AIFunction>> FunctionsAsync(McpGrants grants, McpServerPool pool, AgentRequest request, Action<ToolCall> onCall, CancellationToken cancellationToken)
    {
        CheckConfigured(grants, pool, request);
        var functions = new List<AIFunction>();
        foreach (string server in grants.Servers)
        {
            IReadOnlyList<McpClientTool> tools = await pool.ToolsAsync(server, cancellationToken).ConfigureAwait(false);
            if (grants.Named(server).FirstOrDefault(name => !tools.Any(tool => tool.Name == name)) is { } unknown)
            {
                // A misspelt grant would otherwise leave the stage silently without the tool it was meant to have.
                throw new InvalidOperationException(
                    $"The stage '{request.Context.Stage}' grants mcp:{server}/{unknown}, but the MCP server '{server}' has no tool '{unknown}' (its tools: {string.Join(", ", tools.Select(tool => tool.Name))}).");
            }

            functions.AddRange(tools.Where(tool => grants.Grants(server, tool.Name)).Select(tool => new McpToolFunction(server, tool, onCall)));
        }

        return functions;
    }
}
