using System;
using System.Collections.Concurrent;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using TeamBot.Agents;
using TeamBot.Agents.Copilot;

namespace TeamBot.Hosting.Tests;

/// <summary>The Copilot agent against a fake <c>copilot</c> executable that speaks the CLI's JSON-RPC protocol over stdio.</summary>
public sealed class CopilotAgentTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "teambot-copilot-tests", Guid.NewGuid().ToString("N"));

    public CopilotAgentTests() => Directory.CreateDirectory(_directory);

    private StageContext Spec => new()
    {
        Stage = "SPEC",
        StageName = "Specification",
        WorkingDirectory = _directory,
        ArtifactsDirectory = _directory,
        RequiredArtifacts = ["feature_spec.md"],
        ExitCriteria = ["Every criterion has a scenario"],
    };

    [Fact]
    public async Task A_copilot_run_completes_the_whole_workflow_through_the_command_line_with_a_project_persona()
    {
        using var cli = new CliHarness();
        Directory.CreateDirectory(Path.Combine(cli.Directory, ".github", "agents"));
        File.WriteAllText(Path.Combine(cli.Directory, ".github", "agents", "reviewer.agent.md"), "You are Rita, the strict reviewer.");

        (int exit, string output, string error) = await cli.RunAsync(["run", "objectives/add-export.md", "--agent", "copilot", "--copilot-path", FakeCopilot.Path]);

        Assert.True(exit == ExitCodes.Complete, output + error);
        string[] sessions = FakeCopilot.Requests(cli.Directory, "session.create");
        Assert.Contains(sessions, session => JsonDocument.Parse(session).RootElement.GetProperty("systemMessage").GetProperty("content").GetString() == "You are Rita, the strict reviewer.");
        Assert.All(sessions, session => Assert.True(JsonDocument.Parse(session).RootElement.GetProperty("streaming").GetBoolean()));
        Assert.Equal(sessions.Length, sessions.Distinct().Count());
        Assert.Contains("Written by Copilot.", File.ReadAllText(Path.Combine(cli.RunDirectory("csv-export"), "artifacts", "research.md")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_answer_streams_as_text_activity_and_the_CLI_tool_calls_are_reported_and_returned()
    {
        var activity = new ActivityRecorder();
        await using CopilotAgent agent = await CopilotAgent.StartAsync(new CopilotAgentOptions { CliPath = FakeCopilot.Path, WorkingDirectory = _directory });

        AgentResponse response = await agent.RunAsync(new AgentRequest("ba", AgentTask.Work, Spec) { Activity = activity }, CancellationToken.None);

        string[] texts = activity.Of(AgentActivityKind.Text);
        Assert.True(texts.Length > 2, "the answer should arrive in several deltas");
        Assert.Equal(response.Output, string.Concat(texts));
        Assert.Contains("## Acceptance Test Scenarios", response.Artifacts["feature_spec.md"], StringComparison.Ordinal);
        Assert.Equal([("view", false), ("bash", true)], response.ToolCalls.Select(call => (call.Tool, call.Refused)));
        Assert.Equal("README.md: 3 lines", response.ToolCalls[0].Summary);
        Assert.Contains("'shell'", response.ToolCalls[1].Summary, StringComparison.Ordinal);
        Assert.Contains("rm -rf build", response.ToolCalls[1].Arguments, StringComparison.Ordinal);
        Assert.Equal(2, activity.Of(AgentActivityKind.ToolCall).Length);
        string decision = Assert.Single(FakeCopilot.Requests(_directory, "session.permissions.handlePendingPermissionRequest"));
        Assert.Equal("reject", JsonDocument.Parse(decision).RootElement.GetProperty("result").GetProperty("kind").GetString());
    }

    [Fact]
    public async Task The_CLI_s_own_writes_and_commands_are_approved_only_as_far_as_the_stage_s_permissions_go()
    {
        FakeCopilot.SetMode(_directory, "permissions");
        await using CopilotAgent agent = await CopilotAgent.StartAsync(new CopilotAgentOptions { CliPath = FakeCopilot.Path, WorkingDirectory = _directory });
        StageContext implementation = Spec with
        {
            Stage = "IMPLEMENTATION",
            Permissions = new TeamBot.Definitions.StagePermissions
            {
                Tools = ["read_file", "write_file", "run_command"],
                WriteByAgent = [new TeamBot.Definitions.AgentWritePaths("builder-1", ["src/**"])],
                Commands = ["dotnet"],
            },
        };

        AgentResponse work = await agent.RunAsync(new AgentRequest("builder-1", AgentTask.Work, implementation), CancellationToken.None);
        AgentResponse review = await agent.RunAsync(new AgentRequest("reviewer", AgentTask.Review, implementation), CancellationToken.None);

        // The writer may change src/** and run dotnet; not docs/, not curl piped into sh.
        Assert.Equal([("view", false), ("str_replace_editor", false), ("str_replace_editor", true), ("bash", false), ("bash", true)], work.ToolCalls.Select(call => (call.Tool, call.Refused)));
        Assert.Contains("this stage may not write 'docs/notes.md'", work.ToolCalls[2].Summary, StringComparison.Ordinal);
        Assert.Contains("may not run 'curl', 'sh' (allowed: dotnet)", work.ToolCalls[4].Summary, StringComparison.Ordinal);

        // A review only reads, whatever the stage permits.
        Assert.Equal([false, true, true, true, true], review.ToolCalls.Select(call => call.Refused));
        string[] decisions = FakeCopilot.Requests(_directory, "session.permissions.handlePendingPermissionRequest")
            .Select(decision => JsonDocument.Parse(decision).RootElement.GetProperty("result").GetProperty("kind").GetString()!).ToArray();
        Assert.Equal(["approve-once", "reject", "approve-once", "reject", "reject", "reject", "reject", "reject"], decisions);
    }

    [Fact]
    public async Task Each_agent_keeps_one_session_across_calls()
    {
        await using CopilotAgent agent = await CopilotAgent.StartAsync(new CopilotAgentOptions { CliPath = FakeCopilot.Path, WorkingDirectory = _directory });

        await agent.RunAsync(new AgentRequest("ba", AgentTask.Work, Spec), CancellationToken.None);
        await agent.RunAsync(new AgentRequest("ba", AgentTask.Work, Spec with { Stage = "SPEC_AGAIN" }), CancellationToken.None);
        await agent.RunAsync(new AgentRequest("pm", AgentTask.Work, Spec), CancellationToken.None);

        string[] sessions = FakeCopilot.Requests(_directory, "session.create");
        Assert.Equal(2, sessions.Length);
        Assert.Contains("business analyst", sessions[0], StringComparison.Ordinal);
        string[] sends = FakeCopilot.Requests(_directory, "session.send").Select(send => JsonDocument.Parse(send).RootElement.GetProperty("sessionId").GetString()!).ToArray();
        Assert.Equal(3, sends.Length);
        Assert.Equal(sends[0], sends[1]);
        Assert.NotEqual(sends[0], sends[2]);
    }

    [Fact]
    public async Task A_cancelled_call_aborts_the_session_and_ends_with_OperationCanceledException()
    {
        FakeCopilot.SetMode(_directory, "hang");
        var activity = new ActivityRecorder();
        await using CopilotAgent agent = await CopilotAgent.StartAsync(new CopilotAgentOptions { CliPath = FakeCopilot.Path, WorkingDirectory = _directory });
        using var cancellation = new CancellationTokenSource();

        Task<AgentResponse> call = agent.RunAsync(new AgentRequest("builder-1", AgentTask.Work, Spec) { Activity = activity }, cancellation.Token);
        await activity.FirstText;
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
        string abort = Assert.Single(FakeCopilot.Requests(_directory, "session.abort"));
        string send = Assert.Single(FakeCopilot.Requests(_directory, "session.send"));
        Assert.Equal(JsonDocument.Parse(send).RootElement.GetProperty("sessionId").GetString(), JsonDocument.Parse(abort).RootElement.GetProperty("sessionId").GetString());
    }

    [Fact]
    public async Task A_missing_copilot_executable_is_bad_input_that_says_how_to_install_it()
    {
        using var cli = new CliHarness();

        (int exit, _, string error) = await cli.RunAsync(["run", "objectives/add-export.md", "--agent", "copilot", "--copilot-path", Path.Combine(cli.Directory, "no-such-copilot")]);

        Assert.Equal(ExitCodes.BadInput, exit);
        Assert.Contains("npm install -g @github/copilot", error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_copilot_that_is_not_signed_in_is_bad_input_that_says_how_to_sign_in()
    {
        using var cli = new CliHarness();
        FakeCopilot.SetMode(cli.Directory, "signed-out");

        (int exit, _, string error) = await cli.RunAsync(["run", "objectives/add-export.md", "--agent", "copilot", "--copilot-path", FakeCopilot.Path]);

        Assert.Equal(ExitCodes.BadInput, exit);
        Assert.Contains("run `copilot` and `/login`", error, StringComparison.Ordinal);
        Assert.Contains("Not logged in", error, StringComparison.Ordinal);
        Assert.Empty(FakeCopilot.Requests(cli.Directory, "session.create"));
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

    /// <summary>Keeps each activity in the order reported (synchronously, unlike <see cref="Progress{T}"/>).</summary>
    private sealed class ActivityRecorder : IProgress<AgentActivity>
    {
        private readonly ConcurrentQueue<AgentActivity> _activities = new();
        private readonly TaskCompletionSource _firstText = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task FirstText => _firstText.Task;

        public void Report(AgentActivity value)
        {
            _activities.Enqueue(value);
            if (value.Kind == AgentActivityKind.Text)
            {
                _firstText.TrySetResult();
            }
        }

        public string[] Of(AgentActivityKind kind) => _activities.Where(activity => activity.Kind == kind).Select(activity => activity.Text).ToArray();
    }
}
