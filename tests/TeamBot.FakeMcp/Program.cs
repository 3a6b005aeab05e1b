using System;
using System.Threading.Tasks;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using TeamBot.FakeMcp;

// Usage: TeamBot.FakeMcp <folder>: serves the tools lookup and delete_all over stdio until its input closes; logs
// its start and each call to <folder>/fake-mcp.log, and delete_all leaves <folder>/deleted-all.marker.
if (args.Length != 1)
{
    await Console.Error.WriteLineAsync("usage: TeamBot.FakeMcp <folder>");
    return 2;
}

var tools = new DocsTools(args[0]);
tools.Log("start");
var options = new McpServerOptions
{
    ServerInfo = new Implementation { Name = "fake-docs", Version = "1.0.0" },
    ToolCollection =
    [
        McpServerTool.Create(tools.Lookup, new McpServerToolCreateOptions { Name = "lookup" }),
        McpServerTool.Create(tools.DeleteAll, new McpServerToolCreateOptions { Name = "delete_all" }),
    ],
};
await using McpServer server = McpServer.Create(new StdioServerTransport(options), options);
await server.RunAsync();
return 0;
