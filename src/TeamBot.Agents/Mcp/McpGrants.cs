using System;
using System.Collections.Generic;
using System.Linq;
using TeamBot.Definitions;

namespace TeamBot.Agents.Mcp;

/// <summary>
/// The MCP tools a call's stage permissions grant, by server: every tool of a server (<c>mcp:&lt;server&gt;</c>) or
/// the named ones (<c>mcp:&lt;server&gt;/&lt;tool&gt;</c>).
/// </summary>
internal sealed class McpGrants
{
    private const string Prefix = "mcp:";

    // Server name → the tools granted, or null for all of them.
    private readonly Dictionary<string, HashSet<string>?> _byServer;

    private McpGrants(Dictionary<string, HashSet<string>?> byServer) => _byServer = byServer;

    /// <summary>Gets the servers with at least one tool granted, in the order the permissions first name them.</summary>
    public IReadOnlyCollection<string> Servers => _byServer.Keys;

    /// <summary>Gets the grants as the permissions write them (<c>mcp:docs</c>, <c>mcp:docs/lookup</c>), for messages.</summary>
    public IEnumerable<string> Shown => _byServer.SelectMany(pair => pair.Value is null ? [Prefix + pair.Key] : pair.Value.Select(tool => ToolName(pair.Key, tool)));

    /// <summary>
    /// The name a call of <paramref name="tool"/> of <paramref name="server"/> is recorded under, whichever agent made
    /// it: <c>mcp:&lt;server&gt;/&lt;tool&gt;</c>, as the permissions grant it.
    /// </summary>
    public static string ToolName(string server, string tool) => $"{Prefix}{server}/{tool}";

    /// <summary>
    /// What <paramref name="request"/> may use. A review gets nothing: MCP tools may have side effects, and a review
    /// only reads.
    /// </summary>
    public static McpGrants For(AgentRequest request)
    {
        var byServer = new Dictionary<string, HashSet<string>?>(StringComparer.Ordinal);
        if (request.Task == AgentTask.Review || request.Context.Permissions is not StagePermissions permissions)
        {
            return new McpGrants(byServer);
        }

        foreach (string tool in permissions.Tools.Where(tool => tool.StartsWith(Prefix, StringComparison.Ordinal)))
        {
            string[] parts = tool[Prefix.Length..].Split('/', 2);
            if (parts.Length == 1)
            {
                byServer[parts[0]] = null;
            }
            else if (!byServer.TryGetValue(parts[0], out HashSet<string>? tools))
            {
                byServer[parts[0]] = new HashSet<string>(StringComparer.Ordinal) { parts[1] };
            }
            else
            {
                tools?.Add(parts[1]);
            }
        }

        return new McpGrants(byServer);
    }

    /// <summary>The tools of <paramref name="server"/> granted by name; empty when all of them are.</summary>
    public IEnumerable<string> Named(string server) => _byServer.TryGetValue(server, out HashSet<string>? tools) && tools is not null ? tools : [];

    /// <summary>Whether the permissions grant <paramref name="tool"/> of <paramref name="server"/>.</summary>
    public bool Grants(string server, string tool) => _byServer.TryGetValue(server, out HashSet<string>? tools) && (tools is null || tools.Contains(tool));
}
