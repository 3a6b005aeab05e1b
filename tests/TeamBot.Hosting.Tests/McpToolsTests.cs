using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using TeamBot.Agents;
using TeamBot.Agents.Mcp;
using TeamBot.Definitions;

namespace TeamBot.Hosting.Tests;

/// <summary>
/// The LLM agent with the tools of an MCP server (the fake, over stdio) that the stage's permissions grant, against the
/// loopback OpenAI-protocol server scripted to call them.
/// </summary>
public sealed class McpToolsTests : IAsyncDisposable
{
    private const string LookupResult = "CSV export: one header line, then one line per row, comma separated.";

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "teambot-mcp-agent", Guid.NewGuid().ToString("N"));
    private readonly FakeOpenAiServer _server;
    private readonly ChatClientAgent _agent;

    public McpToolsTests()
    {
        Directory.CreateDirectory(_folder);

        // Every prompt makes the model try both of the server's tools, granted or not; a review tries delete_all.
        _server = new FakeOpenAiServer
        {
            ToolCallsFor = prompt => prompt.Contains("Review the work below", StringComparison.Ordinal)
                ? [("docs__delete_all", "{}")]
                : [("docs__lookup", """{"key":"csv-export"}"""), ("docs__delete_all", "{}")],
        };
        string variable = "TEAMBOT_TEST_KEY_" + Guid.NewGuid().ToString("N");
        Environment.SetEnvironmentVariable(variable, "test-key");
        _agent = AgentSetup.OpenAi("fake-model", _server.Endpoint, variable, new ChatClientAgentOptions
        {
            McpServers = [new McpServer("docs", FakeMcp.Path) { Arguments = [_folder] }],
        });
    }

    public async ValueTask DisposeAsync()
    {
        await _agent.DisposeAsync();
        await _server.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task A_stage_granting_one_tool_offers_only_it_and_its_result_reaches_the_model_and_the_tool_call_record()
    {
        var activity = new List<AgentActivity>();
        var request = new AgentRequest("builder-1", AgentTask.Work, Stage(["read_file", "mcp:docs/lookup"])) { Activity = new SynchronousProgress(activity) };

        AgentResponse response = await _agent.RunAsync(request, CancellationToken.None);

        Assert.Equal(["read_file", "docs__lookup"], Offered(_server.Requests.First()));
        Assert.Contains("lookup csv-export", FakeMcp.Log(_folder));
        Assert.Contains(LookupResult, ToolResults(_server.Requests.Last()));
        Rules.ToolCall call = Assert.Single(response.ToolCalls);
        Assert.Equal(("mcp:docs/lookup", LookupResult, false), (call.Tool, call.Summary, call.Refused));
        Assert.Contains("csv-export", call.Arguments, StringComparison.Ordinal);
        Assert.Contains(activity, item => item.Kind == AgentActivityKind.ToolCall && item.Text == $"mcp:docs/lookup: {LookupResult}");
    }

    [Fact]
    public async Task A_tool_the_stage_does_not_grant_is_not_offered_and_a_call_to_it_never_reaches_the_server()
    {
        AgentResponse response = await _agent.RunAsync(new AgentRequest("builder-1", AgentTask.Work, Stage(["mcp:docs/lookup"])), CancellationToken.None);

        Assert.DoesNotContain("docs__delete_all", Offered(_server.Requests.First()));
        Assert.DoesNotContain("delete_all", FakeMcp.Log(_folder));
        Assert.False(File.Exists(Path.Combine(_folder, FakeMcp.Marker)));
        Assert.DoesNotContain(response.ToolCalls, call => call.Tool.Contains("delete_all", StringComparison.Ordinal));

        // The model was told the function does not exist.
        Assert.Contains(ToolResults(_server.Requests.Last()), result => result.Contains("docs__delete_all", StringComparison.Ordinal) && result.Contains("not found", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_stage_granting_the_whole_server_offers_every_tool_and_the_server_is_started_once_per_agent()
    {
        AgentResponse first = await _agent.RunAsync(new AgentRequest("builder-1", AgentTask.Work, Stage(["mcp:docs"])), CancellationToken.None);
        await _agent.RunAsync(new AgentRequest("builder-2", AgentTask.Work, Stage(["mcp:docs"])), CancellationToken.None);

        Assert.Equal(["docs__lookup", "docs__delete_all"], Offered(_server.Requests.First()));
        Assert.Equal([("mcp:docs/lookup", false), ("mcp:docs/delete_all", false)], first.ToolCalls.Select(call => (call.Tool, call.Refused)));
        Assert.True(File.Exists(Path.Combine(_folder, FakeMcp.Marker)));
        Assert.Single(FakeMcp.Log(_folder), line => line == "start");
    }

    [Fact]
    public async Task A_review_gets_no_MCP_tools_even_where_the_stage_grants_them()
    {
        StageContext stage = Stage(["read_file", "mcp:docs"]) with { WorkToReview = "The export." };

        AgentResponse response = await _agent.RunAsync(new AgentRequest("reviewer", AgentTask.Review, stage), CancellationToken.None);

        Assert.Equal(["read_file"], Offered(_server.Requests.First()));
        Assert.Empty(response.ToolCalls);
        Assert.False(File.Exists(Path.Combine(_folder, FakeMcp.Marker)));

        // Not even started: a review has no use for it.
        Assert.Empty(FakeMcp.Log(_folder));
    }

    [Fact]
    public async Task A_stage_naming_a_server_that_is_not_configured_fails_the_call_saying_how_to_configure_it()
    {
        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => _agent.RunAsync(new AgentRequest("builder-1", AgentTask.Work, Stage(["mcp:docs/lookup", "mcp:tickets/create"])), CancellationToken.None));

        Assert.Contains("MCP server 'tickets'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("configured: docs", ex.Message, StringComparison.Ordinal);
        Assert.Contains("--mcp-config", ex.Message, StringComparison.Ordinal);
        Assert.Contains("ChatClientAgentOptions.McpServers", ex.Message, StringComparison.Ordinal);
        Assert.Empty(_server.Requests);
    }

    private static string[] Offered(JsonNode request) =>
        request["tools"]?.AsArray().Select(tool => tool!["function"]!["name"]!.GetValue<string>()).ToArray() ?? [];

    /// <summary>The tool results the model was sent, each decoded from the function's JSON value.</summary>
    private static string[] ToolResults(JsonNode request) =>
        request["messages"]!.AsArray().Where(message => message!["role"]!.GetValue<string>() == "tool")
            .Select(message => message!["content"]!.GetValue<string>())
            .Select(content => content.StartsWith('"') ? JsonSerializer.Deserialize<string>(content)! : content).ToArray();

    private StageContext Stage(string[] tools) => new()
    {
        Stage = "RESEARCH",
        StageName = "Research",
        WorkingDirectory = _folder,
        ArtifactsDirectory = Path.Combine(_folder, ".teambot", "artifacts"),
        Permissions = new StagePermissions { Tools = [.. tools] },
    };

    /// <summary>Collects reports as they are made, not later on the thread pool as <see cref="Progress{T}"/> would.</summary>
    private sealed class SynchronousProgress(List<AgentActivity> items) : IProgress<AgentActivity>
    {
        public void Report(AgentActivity value)
        {
            lock (items)
            {
                items.Add(value);
            }
        }
    }
}
