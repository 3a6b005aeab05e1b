using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using TeamBot.Agents;
using TeamBot.Agents.Tools;

namespace TeamBot.Hosting.Tests;

/// <summary>Runs alone: its span listener hears every test of the process, and only its own tool spans may count.</summary>
[CollectionDefinition(nameof(ToolUsingAgentTests), DisableParallelization = true)]
public sealed class ToolUsingAgentRunAlone;

/// <summary>The LLM agent with workspace tools, against the loopback OpenAI-protocol server scripted to call them.</summary>
[Collection(nameof(ToolUsingAgentTests))]
public sealed class ToolUsingAgentTests : IAsyncDisposable
{
    private readonly string _workspace = Path.Combine(Path.GetTempPath(), "teambot-tool-agent", Guid.NewGuid().ToString("N"));
    private readonly FakeOpenAiServer _server;
    private readonly ChatClientAgent _agent;

    public ToolUsingAgentTests()
    {
        Directory.CreateDirectory(Path.Combine(_workspace, "src"));
        File.WriteAllText(Path.Combine(_workspace, "src", "Report.cs"), "class Report { }\n");
        Git("init", "-q");
        Git("-c", "user.email=t@t", "-c", "user.name=t", "add", ".");
        Git("-c", "user.email=t@t", "-c", "user.name=t", "commit", "-qm", "start");

        // IMPLEMENTATION edits a file and tries one outside the workspace; TEST runs git, then a program it may not run.
        _server = new FakeOpenAiServer
        {
            ToolCallsFor = prompt => prompt.Contains("Stage: Implementation", StringComparison.Ordinal)
                ? [("edit_file", """{"path":"src/Report.cs","old_text":"class Report { }","new_text":"class Report { public string Csv() => \"id\"; }"}"""), ("write_file", """{"path":"../escaped.txt","content":"x"}""")]
                : prompt.Contains("Stage: Test", StringComparison.Ordinal)
                    ? [("run_command", """{"program":"git","arguments":["status","--short"]}"""), ("run_command", """{"program":"curl","arguments":["http://example.com"]}""")]
                    : null,
        };
        string variable = "TEAMBOT_TEST_KEY_" + Guid.NewGuid().ToString("N");
        Environment.SetEnvironmentVariable(variable, "test-key");
        _agent = AgentSetup.OpenAi("fake-model", _server.Endpoint, variable, new ChatClientAgentOptions
        {
            Workspace = request => new WorkspacePolicy(_workspace)
            {
                Writable = request.Context.Stage == "IMPLEMENTATION" ? ["src/**"] : [],
                Commands = request.Context.Stage == "TEST" ? ["git"] : [],
            },
        });
    }

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        Directory.Delete(_workspace, recursive: true);
    }

    [Fact]
    public async Task An_implementation_stage_edits_the_workspace_and_the_model_hears_why_a_write_outside_it_was_refused()
    {
        var spans = new System.Collections.Concurrent.ConcurrentQueue<Activity>();
        using var testSource = new ActivitySource("TeamBot.Hosting.Tests." + Guid.NewGuid().ToString("N"));
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == TeamBot.Telemetry.WorkflowTelemetry.Name || source == testSource,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity => spans.Enqueue(activity),
        };
        ActivitySource.AddActivityListener(listener);

        // Only this test's spans: other tests in the process run tools too, and the listener hears them all.
        AgentResponse response;
        ActivityTraceId trace;
        using (Activity root = testSource.StartActivity("test")!)
        {
            trace = root.TraceId;
            response = await _agent.RunAsync(new AgentRequest("builder-1", AgentTask.Work, Stage("IMPLEMENTATION", "Implementation")), CancellationToken.None);
        }

        // Only spans that ended inside the root: a span of another test once ended in this trace after the root had
        // (its parent came from an ambient context captured while this test's root was current).
        spans = new System.Collections.Concurrent.ConcurrentQueue<Activity>(spans.TakeWhile(span => span.DisplayName != "test").Where(span => span.TraceId == trace));

        // Each call is a GenAI execute_tool span; the refused one is an error saying why.
        Activity edit = Assert.Single(spans, span => span.DisplayName == "execute_tool edit_file");
        Assert.Equal("execute_tool", edit.GetTagItem("gen_ai.operation.name"));
        Assert.Equal("call_0", edit.GetTagItem("gen_ai.tool.call.id"));
        Assert.Equal(ActivityStatusCode.Unset, edit.Status);
        Activity write = Assert.Single(spans, span => span.DisplayName == "execute_tool write_file");
        Assert.Equal(ActivityStatusCode.Error, write.Status);
        Assert.Equal(true, write.GetTagItem("teambot.tool.refused"));
        Assert.Contains("leaves the workspace", write.StatusDescription, StringComparison.Ordinal);

        Assert.Equal("class Report { public string Csv() => \"id\"; }\n", File.ReadAllText(Path.Combine(_workspace, "src", "Report.cs")));
        Assert.False(File.Exists(Path.Combine(Path.GetDirectoryName(_workspace)!, "escaped.txt")));
        Assert.Equal([("edit_file", false), ("write_file", true)], response.ToolCalls.Select(call => (call.Tool, call.Refused)));
        Assert.Equal("edited src/Report.cs", response.ToolCalls[0].Summary);

        // The refusal went back to the model, which answered after it.
        JsonArray last = _server.Requests.Last()["messages"]!.AsArray();
        // Each result reaches the model as the function's JSON value: here a JSON string.
        string[] results = last.Where(message => message!["role"]!.GetValue<string>() == "tool")
            .Select(message => System.Text.Json.JsonSerializer.Deserialize<string>(message!["content"]!.GetValue<string>())!).ToArray();
        Assert.Contains(results, result => result.Contains("Refused: '../escaped.txt' leaves the workspace", StringComparison.Ordinal));
        Assert.Contains("Tool results:", response.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_test_stage_runs_an_allowed_command_and_is_refused_one_it_may_not_run_and_cannot_write()
    {
        File.WriteAllText(Path.Combine(_workspace, "src", "Report.cs"), "changed\n");

        AgentResponse response = await _agent.RunAsync(new AgentRequest("builder-2", AgentTask.Work, Stage("TEST", "Test")), CancellationToken.None);

        Assert.Equal([("run_command", false), ("run_command", true)], response.ToolCalls.Select(call => (call.Tool, call.Refused)));
        Assert.Equal("exit code 0", response.ToolCalls[0].Summary);
        Assert.Contains("this stage may not run 'curl' (allowed: git)", response.ToolCalls[1].Summary, StringComparison.Ordinal);
        string[] offered = _server.Requests.First()["tools"]!.AsArray().Select(tool => tool!["function"]!["name"]!.GetValue<string>()).ToArray();
        Assert.Equal(["list_files", "read_file", "search_files", "run_command", "show_diff"], offered);
        Assert.Contains(" M src/Report.cs", response.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_whole_openai_run_edits_the_git_workspace_runs_an_allowed_command_and_records_every_call_in_state_and_transcripts()
    {
        using var cli = new CliHarness();
        Directory.CreateDirectory(Path.Combine(cli.Directory, "src"));
        File.WriteAllText(Path.Combine(cli.Directory, "src", "Report.cs"), "class Report { }\n");
        GitIn(cli.Directory, "init", "-q");
        GitIn(cli.Directory, "-c", "user.email=t@t", "-c", "user.name=t", "add", ".");
        GitIn(cli.Directory, "-c", "user.email=t@t", "-c", "user.name=t", "commit", "-qm", "start");

        // Both builders of IMPLEMENTATION try the same calls: builder-1 may write src/**, builder-2 only tests/**.
        await using var server = new FakeOpenAiServer
        {
            ToolCallsFor = prompt => prompt.Contains("(IMPLEMENTATION)", StringComparison.Ordinal)
                ? [("edit_file", """{"path":"src/Report.cs","old_text":"class Report { }","new_text":"class Report { public string Csv() => \"id\"; }"}"""), ("write_file", """{"path":"../escaped.txt","content":"x"}""")]
                : prompt.Contains("(TEST)", StringComparison.Ordinal)
                    ? [("run_command", """{"program":"dotnet","arguments":["--version"]}"""), ("run_command", """{"program":"curl","arguments":["http://example.com"]}""")]
                    : null,
        };
        string variable = "TEAMBOT_TEST_KEY_" + Guid.NewGuid().ToString("N");
        Environment.SetEnvironmentVariable(variable, "test-key");

        (int exit, string output, string error) = await cli.RunAsync(["run", "objectives/add-export.md", "--agent", "openai", "--endpoint", server.Endpoint, "--model", "fake-model", "--api-key-variable", variable]);

        Assert.True(exit == ExitCodes.Complete, output + error);
        Assert.Equal("class Report { public string Csv() => \"id\"; }\n", File.ReadAllText(Path.Combine(cli.Directory, "src", "Report.cs")));
        Assert.False(File.Exists(Path.Combine(Path.GetDirectoryName(cli.Directory)!, "escaped.txt")));

        // The state keeps each stage's calls, the parallel agents' in their declared order, refusals marked.
        string run = cli.RunDirectory("csv-export");
        JsonObject calls = JsonNode.Parse(File.ReadAllText(Path.Combine(run, "orchestration_state.json")))!["tool_calls"]!.AsObject();
        Assert.Equal(
            [("builder-1", "edit_file", false), ("builder-1", "write_file", true), ("builder-2", "edit_file", true), ("builder-2", "write_file", true)],
            calls["IMPLEMENTATION"]!.AsArray().Select(call => (call!["agent"]!.GetValue<string>(), call["tool"]!.GetValue<string>(), call["refused"]?.GetValue<bool>() ?? false)));
        Assert.Contains("this stage may not write 'src/Report.cs'", calls["IMPLEMENTATION"]![2]!["summary"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(
            [("run_command", "exit code 0"), ("run_command", "Refused: this stage may not run 'curl' (allowed: dotnet)")],
            calls["TEST"]!.AsArray().Select(call => (call!["tool"]!.GetValue<string>(), call["summary"]!.GetValue<string>())));

        // The refusals went back to the model, and the transcripts show every call.
        Assert.Contains(server.Requests, request => request["messages"]!.AsArray().Any(message => message!["role"]!.GetValue<string>() == "tool" && message["content"]!.GetValue<string>().Contains("Refused: '../escaped.txt' leaves the workspace", StringComparison.Ordinal)));
        string transcript = File.ReadAllText(Path.Combine(run, "transcripts", "TEST-1-builder-2-Work.md"));
        Assert.Contains("- `run_command` {\"program\":\"dotnet\",\"arguments\":[\"--version\"]} -> exit code 0", transcript, StringComparison.Ordinal);
        Assert.Contains("- REFUSED `run_command`", transcript, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(run, "transcripts", "IMPLEMENTATION-1-builder-1-Work.md")));

        // Every workspace checkpoint was dropped once its work was recorded.
        Assert.Empty(Directory.Exists(Path.Combine(run, ".checkpoints")) ? Directory.GetFileSystemEntries(Path.Combine(run, ".checkpoints")) : []);
    }

    private StageContext Stage(string key, string name) => new()
    {
        Stage = key,
        StageName = name,
        WorkingDirectory = _workspace,
        ArtifactsDirectory = Path.Combine(_workspace, ".teambot", "artifacts"),
    };

    private void Git(params string[] arguments) => GitIn(_workspace, arguments);

    private static void GitIn(string workspace, params string[] arguments)
    {
        var start = new ProcessStartInfo("git") { WorkingDirectory = workspace, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using Process git = Process.Start(start)!;
        git.WaitForExit();
        Assert.Equal(0, git.ExitCode);
    }
}
