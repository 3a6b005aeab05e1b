using System;
using System.IO;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;

namespace TeamBot.Hosting.Tests;

/// <summary>
/// A resume goes on with the agent the run started with: the state records the agent's kind and settings (never a
/// secret), and <c>teambot resume</c> uses them unless told otherwise, and says which it uses.
/// </summary>
public sealed class ResumeAgentTests
{
    [Fact]
    public async Task An_openai_run_stopped_with_ctrl_c_resumes_with_the_same_agent_and_model()
    {
        await using var server = new FakeOpenAiServer();
        using var cli = new CliHarness();
        string variable = "TEAMBOT_TEST_KEY_" + Guid.NewGuid().ToString("N");
        Environment.SetEnvironmentVariable(variable, "secret-test-key");
        using var cancel = new CancellationTokenSource();
        cli.OnLine = line =>
        {
            if (line.Contains("StageStarted PLAN", StringComparison.Ordinal))
            {
                cancel.Cancel();
            }
        };

        (int stopped, string _, string _) = await cli.RunAsync(["run", "objectives/add-export.md", "--agent", "openai", "--endpoint", server.Endpoint, "--model", "fake-model-7", "--api-key-variable", variable], cancel.Token);
        Assert.Equal(ExitCodes.Cancelled, stopped);
        cli.OnLine = null;
        string statePath = Path.Combine(cli.RunDirectory("csv-export"), "orchestration_state.json");
        string stateText = File.ReadAllText(statePath);
        JsonNode agent = JsonNode.Parse(stateText)!["agent"]!;
        Assert.Equal("openai", agent["kind"]!.GetValue<string>());
        Assert.Equal("fake-model-7", agent["settings"]!["model"]!.GetValue<string>());
        Assert.Equal(server.Endpoint, agent["settings"]!["endpoint"]!.GetValue<string>());
        Assert.DoesNotContain("secret-test-key", stateText, StringComparison.Ordinal);
        int before = server.Requests.Count;

        (int exit, string output, string error) = await cli.RunAsync(["resume", "csv-export"]);

        Assert.True(exit == ExitCodes.Complete, output + error);
        Assert.Contains("Resuming with the openai agent (model fake-model-7) the run started with", output, StringComparison.Ordinal);
        JsonNode[] resumed = server.Requests.Skip(before).ToArray();
        Assert.NotEmpty(resumed);
        Assert.All(resumed, request => Assert.Equal("fake-model-7", request["model"]!.GetValue<string>()));
        Assert.DoesNotContain("offline", File.ReadAllText(Path.Combine(cli.RunDirectory("csv-export"), "artifacts", "implementation_plan.md").Replace("\\", "/", StringComparison.Ordinal)), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task The_offline_agents_settings_are_kept_too_and_an_agent_given_on_resume_replaces_the_saved_one()
    {
        using var cli = new CliHarness();
        using var cancel = new CancellationTokenSource();
        cli.OnLine = line =>
        {
            if (line.Contains("StageStarted PLAN", StringComparison.Ordinal))
            {
                cancel.Cancel();
            }
        };
        Assert.Equal(ExitCodes.Cancelled, (await cli.RunAsync(["run", "objectives/add-export.md", "--offline-approve-at", "2"], cancel.Token)).ExitCode);
        cli.OnLine = null;
        JsonNode settings = JsonNode.Parse(File.ReadAllText(Path.Combine(cli.RunDirectory("csv-export"), "orchestration_state.json")))!["agent"]!["settings"]!;
        Assert.Equal("2", settings["offline_approve_at"]!.GetValue<string>());

        (int exit, string output, string error) = await cli.RunAsync(["resume", "csv-export"]);

        Assert.True(exit == ExitCodes.Complete, output + error);
        Assert.Contains("Resuming with the offline agent the run started with", output, StringComparison.Ordinal);

        // Asked for another agent, the resume uses it and says that it differs from the saved one.
        string state = Path.Combine(cli.RunDirectory("csv-export"), "orchestration_state.json");
        JsonNode document = JsonNode.Parse(File.ReadAllText(state))!;
        document["status"] = "in_progress";
        document["agent"] = new JsonObject { ["kind"] = "copilot" };
        File.WriteAllText(state, document.ToJsonString());
        (int again, string againOutput, string againError) = await cli.RunAsync(["resume", "csv-export", "--agent", "offline"]);
        Assert.True(again == ExitCodes.Complete, againOutput + againError);
        Assert.Contains("Resuming with the offline agent, not the copilot agent the run started with.", againOutput, StringComparison.Ordinal);
        Assert.True(output.Contains("ReviewIterationCompleted PLAN_REVIEW #1: changes requested", StringComparison.Ordinal), output); // approve-at 2 was kept
    }
}
