using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using TeamBot.Agents;
using TeamBot.Agents.Copilot;
using TeamBot.Agents.Mcp;
using TeamBot.Definitions;
using TeamBot.Tests.Support;

namespace TeamBot.Hosting.Tests;

/// <summary>
/// The Copilot agent with MCP servers, against the fake <c>copilot</c>: every session gets the configured servers, and
/// each MCP call the scripted model makes (<c>lookup</c> and <c>delete_all</c> of each server) is approved only as far
/// as the calling stage grants it.
/// </summary>
public sealed class CopilotMcpTests : IDisposable
{
    private const string LookupResult = "CSV export: one header line, then one line per row, comma separated.";
    private const string ShellRefusal = "refused: this stage may not run 'rm' (allowed: none)";
    private const string KindRefusal = "refused: TeamBot does not approve 'mcp' for the Copilot agent";

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "teambot-copilot-mcp-tests", Guid.NewGuid().ToString("N"));

    public CopilotMcpTests()
    {
        Directory.CreateDirectory(_directory);
        FakeCopilot.SetMode(_directory, "mcp");
    }

    private static McpServer Docs => new("docs", "docs-server") { Arguments = ["--root", "data"], Environment = new Dictionary<string, string> { ["DOCS_TOKEN"] = "t" } };

    private StageContext Research => new()
    {
        Stage = "RESEARCH",
        StageName = "Research",
        WorkingDirectory = _directory,
        ArtifactsDirectory = _directory,
        RequiredArtifacts = ["research.md"],
    };

    [Fact]
    public async Task Every_session_is_created_with_each_configured_server_s_command_arguments_environment_and_working_directory()
    {
        await using CopilotAgent agent = await StartAsync(new CopilotAgentOptions { McpServers = [Docs, new McpServer("tickets", "tickets-server")] });

        await agent.RunAsync(new AgentRequest("ba", AgentTask.Work, Research), CancellationToken.None);
        await agent.RunAsync(new AgentRequest("pm", AgentTask.Work, Research), CancellationToken.None);

        string[] sessions = FakeCopilot.Requests(_directory, "session.create");
        Assert.Equal(2, sessions.Length);
        var expected = new JsonObject
        {
            ["docs"] = new JsonObject { ["type"] = "stdio", ["command"] = "docs-server", ["args"] = new JsonArray("--root", "data"), ["env"] = new JsonObject { ["DOCS_TOKEN"] = "t" }, ["cwd"] = _directory },
            ["tickets"] = new JsonObject { ["type"] = "stdio", ["command"] = "tickets-server", ["args"] = new JsonArray(), ["cwd"] = _directory },
        };
        Assert.All(sessions, session => Assert.True(JsonNode.DeepEquals(expected, JsonNode.Parse(session)!["mcpServers"]), session));
    }

    [Fact]
    public async Task Without_servers_the_session_is_created_as_before_with_no_mcpServers()
    {
        await using CopilotAgent agent = await StartAsync(new CopilotAgentOptions());

        AgentResponse response = await agent.RunAsync(new AgentRequest("ba", AgentTask.Work, Research), CancellationToken.None);

        Assert.False(JsonNode.Parse(Assert.Single(FakeCopilot.Requests(_directory, "session.create")))!.AsObject().ContainsKey("mcpServers"));
        Assert.DoesNotContain(response.ToolCalls, call => call.Tool.StartsWith("mcp:", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_MCP_tool_the_stage_grants_is_approved_and_recorded_and_the_others_and_a_review_s_are_refused_with_the_reason()
    {
        var activity = new List<AgentActivity>();
        await using CopilotAgent agent = await StartAsync(new CopilotAgentOptions { McpServers = [Docs] });
        StageContext stage = Research with { Permissions = new StagePermissions { Tools = ["read_file", "mcp:docs/lookup"] } };

        AgentResponse work = await agent.RunAsync(new AgentRequest("builder-1", AgentTask.Work, stage) { Activity = new SynchronousProgress<AgentActivity>(activity.Add) }, CancellationToken.None);
        AgentResponse review = await agent.RunAsync(new AgentRequest("reviewer", AgentTask.Review, stage with { WorkToReview = "The research." }), CancellationToken.None);

        const string NotGranted = "refused: this stage does not grant mcp:docs/delete_all (granted: mcp:docs/lookup)";
        Assert.Equal(
            [("mcp:docs/lookup", """{"key":"csv-export"}""", LookupResult, false), ("mcp:docs/delete_all", "{}", NotGranted, true)],
            work.ToolCalls.Where(IsMcp).Select(call => (call.Tool, call.Arguments, call.Summary, call.Refused)));
        Assert.Contains(activity, item => item.Kind == AgentActivityKind.ToolCall && item.Text == $"mcp:docs/lookup: {LookupResult}");
        Assert.Contains(activity, item => item.Kind == AgentActivityKind.ToolCall && item.Text == $"refused mcp:docs/delete_all: {NotGranted}");

        // A review gets no MCP tool, whatever the stage grants.
        Assert.Equal(
            [("mcp:docs/lookup", ReviewRefusal("mcp:docs/lookup"), true), ("mcp:docs/delete_all", ReviewRefusal("mcp:docs/delete_all"), true)],
            review.ToolCalls.Where(IsMcp).Select(call => (call.Tool, call.Summary, call.Refused)));

        // The refusal's reason is the feedback the CLI hands the model (each turn ends with a shell command, refused too).
        Assert.Equal(
            [("approve-once", null), ("reject", NotGranted), ("reject", ShellRefusal), ("reject", ReviewRefusal("mcp:docs/lookup")), ("reject", ReviewRefusal("mcp:docs/delete_all")), ("reject", ShellRefusal)],
            Decisions());
    }

    [Fact]
    public async Task A_grant_of_the_whole_server_approves_each_of_its_tools()
    {
        await using CopilotAgent agent = await StartAsync(new CopilotAgentOptions { McpServers = [Docs] });

        AgentResponse response = await agent.RunAsync(new AgentRequest("builder-1", AgentTask.Work, Research with { Permissions = new StagePermissions { Tools = ["mcp:docs"] } }), CancellationToken.None);

        Assert.Equal(
            [("mcp:docs/lookup", LookupResult, false), ("mcp:docs/delete_all", "deleted every document", false)],
            response.ToolCalls.Where(IsMcp).Select(call => (call.Tool, call.Summary, call.Refused)));
        Assert.Equal([("approve-once", null), ("approve-once", null), ("reject", ShellRefusal)], Decisions());
    }

    [Fact]
    public async Task Without_stage_permissions_the_approved_kinds_decide_and_mcp_is_not_one_by_default()
    {
        await using (CopilotAgent standard = await StartAsync(new CopilotAgentOptions { McpServers = [Docs] }))
        {
            AgentResponse refused = await standard.RunAsync(new AgentRequest("builder-1", AgentTask.Work, Research), CancellationToken.None);

            Assert.Equal([("mcp:docs/lookup", KindRefusal, true), ("mcp:docs/delete_all", KindRefusal, true)], refused.ToolCalls.Where(IsMcp).Select(call => (call.Tool, call.Summary, call.Refused)));
        }

        await using CopilotAgent trusting = await StartAsync(new CopilotAgentOptions { McpServers = [Docs], ApprovedPermissions = new HashSet<string>(StringComparer.Ordinal) { "read", "mcp" } });
        AgentResponse approved = await trusting.RunAsync(new AgentRequest("builder-1", AgentTask.Work, Research), CancellationToken.None);

        Assert.Equal([("mcp:docs/lookup", false), ("mcp:docs/delete_all", false)], approved.ToolCalls.Where(IsMcp).Select(call => (call.Tool, call.Refused)));
    }

    [Fact]
    public void A_call_whose_start_event_does_not_name_its_server_is_recorded_by_the_names_its_permission_prompt_gives()
    {
        StageContext stage = Research with { Permissions = new StagePermissions { Tools = ["mcp:docs/lookup"] } };
        var turn = new CopilotTurn(null, CopilotPermissions.For(new AgentRequest("builder-1", AgentTask.Work, stage), new HashSet<string>(StringComparer.Ordinal)), default);

        turn.On(Event("tool.execution_start", """{"toolCallId":"c1","toolName":"docs-lookup","arguments":{"key":"k"}}"""));
        var decision = turn.On(Event("permission.requested", """{"requestId":"r1","permissionRequest":{"kind":"mcp","serverName":"docs","toolName":"lookup","toolTitle":"Lookup","args":{"key":"k"},"readOnly":true,"toolCallId":"c1"}}"""));
        turn.On(Event("tool.execution_complete", """{"toolCallId":"c1","success":true,"result":{"content":"found"}}"""));

        Assert.Equal(("r1", "approve-once"), (decision?.RequestId, decision?.Decision.Kind));
        Assert.Equal(("mcp:docs/lookup", """{"key":"k"}""", "found", false), turn.ToolCalls.Select(call => (call.Tool, call.Arguments, call.Summary, call.Refused)).Single());
    }

    [Fact]
    public async Task A_copilot_run_with_mcp_config_gives_every_session_the_servers_and_holds_each_stage_s_calls_to_its_grants()
    {
        using var cli = new CliHarness();
        FakeCopilot.SetMode(cli.Directory, "mcp");
        File.WriteAllText(Path.Combine(cli.Directory, "mcp.json"), """{"mcpServers": {"docs": {"command": "docs-server", "args": ["--stdio"], "env": {"DOCS_TOKEN": "t"}}}}""");

        (int exit, string output, string error) = await cli.RunAsync(["run", "objectives/add-export.md", "--agent", "copilot", "--copilot-path", FakeCopilot.Path, "--mcp-config", "mcp.json"]);

        Assert.True(exit == ExitCodes.Complete, output + error);
        var expected = new JsonObject
        {
            ["docs"] = new JsonObject { ["type"] = "stdio", ["command"] = "docs-server", ["args"] = new JsonArray("--stdio"), ["env"] = new JsonObject { ["DOCS_TOKEN"] = "t" }, ["cwd"] = cli.Directory },
        };
        string[] sessions = FakeCopilot.Requests(cli.Directory, "session.create");
        Assert.NotEmpty(sessions);
        Assert.All(sessions, session => Assert.True(JsonNode.DeepEquals(expected, JsonNode.Parse(session)!["mcpServers"]), session));

        // The workflow's stages grant no MCP tool: RESEARCH has permissions without one, TEST_STRATEGY none at all.
        JsonObject calls = JsonNode.Parse(File.ReadAllText(Path.Combine(cli.RunDirectory("csv-export"), "orchestration_state.json")))!["tool_calls"]!.AsObject();
        Assert.Equal(
            [("builder-1", "mcp:docs/lookup", "refused: this stage does not grant mcp:docs/lookup (granted: no MCP tools)"), ("builder-1", "mcp:docs/delete_all", "refused: this stage does not grant mcp:docs/delete_all (granted: no MCP tools)")],
            McpCalls(calls["RESEARCH"]!));
        Assert.Equal([("builder-2", "mcp:docs/lookup", KindRefusal), ("builder-2", "mcp:docs/delete_all", KindRefusal)], McpCalls(calls["TEST_STRATEGY"]!));
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // Best effort.
        }
    }

    private static CopilotSessionEvent Event(string type, string data) => new(type, JsonDocument.Parse(data).RootElement);

    private static bool IsMcp(TeamBot.Rules.ToolCall call) => call.Tool.StartsWith("mcp:", StringComparison.Ordinal);

    /// <summary>The refused-or-not MCP calls a stage recorded in the state, as (agent, tool, summary), all of them refused.</summary>
    private static (string Agent, string Tool, string Summary)[] McpCalls(JsonNode stage) =>
        stage.AsArray()
            .Where(call => call!["tool"]!.GetValue<string>().StartsWith("mcp:", StringComparison.Ordinal))
            .Select(call =>
            {
                Assert.True(call!["refused"]?.GetValue<bool>(), call.ToJsonString());
                return (call["agent"]!.GetValue<string>(), call["tool"]!.GetValue<string>(), call["summary"]!.GetValue<string>());
            })
            .ToArray();

    private Task<CopilotAgent> StartAsync(CopilotAgentOptions options) =>
        CopilotAgent.StartAsync(options with { CliPath = FakeCopilot.Path, WorkingDirectory = _directory });

    /// <summary>The answers to the fake's permission prompts, in order: the decision and its feedback.</summary>
    private (string Kind, string? Feedback)[] Decisions() =>
        FakeCopilot.Requests(_directory, "session.permissions.handlePendingPermissionRequest")
            .Select(decision => JsonDocument.Parse(decision).RootElement.GetProperty("result"))
            .Select(result => (result.GetProperty("kind").GetString()!, result.TryGetProperty("feedback", out JsonElement feedback) ? feedback.GetString() : null))
            .ToArray();

    private static string ReviewRefusal(string tool) => $"refused: a review may not call MCP tools ({tool}): a review only reads, and an MCP tool may have side effects";
}
