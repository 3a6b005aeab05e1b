using System;
using System.IO;
using System.Threading.Tasks;
using TeamBot.Agents.Mcp;
using TeamBot.Hosting.Commands;

namespace TeamBot.Hosting.Tests;

/// <summary><c>--mcp-config</c>: the <c>mcp.json</c> shape read into <see cref="McpServer"/>s, and a bad file reported as bad input.</summary>
public sealed class McpConfigTests : IDisposable
{
    private readonly CliHarness _cli = new();
    private readonly string _keyVariable = "TEAMBOT_TEST_KEY_" + Guid.NewGuid().ToString("N");

    public McpConfigTests() => Environment.SetEnvironmentVariable(_keyVariable, "test-key");

    public void Dispose()
    {
        Environment.SetEnvironmentVariable(_keyVariable, null);
        _cli.Dispose();
    }

    [Fact]
    public async Task A_malformed_file_is_bad_input_that_names_the_file_and_the_problem_without_a_stack_trace()
    {
        File.WriteAllText(Path.Combine(_cli.Directory, "mcp.json"), """{"mcpServers": {"docs": {"command": "docs-server", "args": [1, }""");

        (int exit, _, string error) = await RunOpenAiAsync("mcp.json");

        Assert.Equal(ExitCodes.BadInput, exit);
        Assert.Contains($"The MCP configuration file '{Path.Combine(_cli.Directory, "mcp.json")}' is not valid", error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(_cli.RunDirectory("add-export")));
    }

    [Fact]
    public async Task A_missing_file_is_bad_input_that_names_the_file()
    {
        (int exit, _, string error) = await RunOpenAiAsync("missing.json");

        Assert.Equal(ExitCodes.BadInput, exit);
        Assert.Contains($"The MCP configuration file '{Path.Combine(_cli.Directory, "missing.json")}' does not exist.", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_server_without_a_command_is_bad_input_that_names_it()
    {
        File.WriteAllText(Path.Combine(_cli.Directory, "mcp.json"), """{"mcpServers": {"remote": {"url": "https://example.com/mcp"}}}""");

        (int exit, _, string error) = await RunOpenAiAsync("mcp.json");

        Assert.Equal(ExitCodes.BadInput, exit);
        Assert.Contains("names the server 'remote' by URL; only servers started with a \"command\" (stdio) are supported", error, StringComparison.Ordinal);
    }

    [Fact]
    public void The_mcp_json_shape_gives_each_server_its_command_arguments_and_environment()
    {
        string file = Path.Combine(_cli.Directory, "mcp.json");
        File.WriteAllText(file, """
            {
              // Editors write comments and trailing commas.
              "mcpServers": {
                "docs": { "command": "npx", "args": ["-y", "docs-server"], "env": { "DOCS_TOKEN": "t" }, },
                "tickets": { "command": "tickets-server" }
              }
            }
            """);

        McpServer[] servers = [.. McpConfigFile.Load(file)];

        Assert.Equal(2, servers.Length);
        Assert.Equal(("docs", "npx"), (servers[0].Name, servers[0].Command));
        Assert.Equal(["-y", "docs-server"], servers[0].Arguments);
        Assert.Equal("t", servers[0].Environment!["DOCS_TOKEN"]);
        Assert.Equal(("tickets", "tickets-server", 0, null), (servers[1].Name, servers[1].Command, servers[1].Arguments.Count, servers[1].Environment));
    }

    private Task<(int ExitCode, string Output, string Error)> RunOpenAiAsync(string mcpConfig) =>
        _cli.RunAsync(["run", "objectives/add-export.md", "--agent", "openai", "--endpoint", "http://127.0.0.1:9/v1", "--api-key-variable", _keyVariable, "--mcp-config", mcpConfig]);
}
