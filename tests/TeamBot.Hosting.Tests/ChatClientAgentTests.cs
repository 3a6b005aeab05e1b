using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using TeamBot.Agents;
using TeamBot.Tests.Support;

namespace TeamBot.Hosting.Tests;

/// <summary>The LLM agent against a real HTTP server on loopback that speaks the OpenAI chat-completions protocol.</summary>
public sealed class ChatClientAgentTests
{
    private static readonly StageContext Spec = new()
    {
        Stage = "SPEC",
        StageName = "Specification",
        WorkingDirectory = Path.GetTempPath(),
        ArtifactsDirectory = Path.GetTempPath(),
        RequiredArtifacts = ["feature_spec.md"],
        ExitCriteria = ["Every criterion has a scenario"],
    };

    [Fact]
    public async Task A_streamed_answer_after_a_transient_500_becomes_output_and_artifacts_and_the_conversation_continues()
    {
        await using var server = new FakeOpenAiServer(transientFailures: 1);
        string variable = "TEAMBOT_TEST_KEY_" + Guid.NewGuid().ToString("N");
        Environment.SetEnvironmentVariable(variable, "test-key");
        var streamed = new System.Collections.Concurrent.ConcurrentQueue<string>();
        ChatClientAgent agent = AgentSetup.OpenAi("fake-model", server.Endpoint, variable, new ChatClientAgentOptions
        {
            RetryDelay = TimeSpan.FromMilliseconds(10),
        });
        var activity = new SynchronousProgress<AgentActivity>(item => streamed.Enqueue(item.Text));

        AgentResponse first = await agent.RunAsync(new AgentRequest("ba", AgentTask.Work, Spec) { Activity = activity }, CancellationToken.None);
        AgentResponse second = await agent.RunAsync(new AgentRequest("ba", AgentTask.Work, Spec with { Stage = "SPEC_AGAIN" }), CancellationToken.None);

        Assert.Equal(1, server.Failures);
        Assert.Equal(3, server.Requests.Count);
        Assert.True(streamed.Count > 2, "the answer should arrive in several streamed pieces");
        Assert.Equal(first.Output, string.Concat(streamed));
        Assert.Contains("## Acceptance Test Scenarios", first.Artifacts["feature_spec.md"], StringComparison.Ordinal);
        Assert.StartsWith("Done.", first.Output, StringComparison.Ordinal);
        JsonNode last = server.Requests.Last();
        Assert.True(last["stream"]!.GetValue<bool>());
        Assert.Equal("fake-model", last["model"]!.GetValue<string>());
        JsonArray messages = last["messages"]!.AsArray();
        Assert.Equal(["system", "user", "assistant", "user"], messages.Select(m => m!["role"]!.GetValue<string>()));
        Assert.Contains("business analyst", messages[0]!["content"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("# Stage: Specification (SPEC_AGAIN)", messages[3]!["content"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.NotNull(second.Output);

        // The tokens the model reported for each call, and the model that answered.
        Assert.Equal(server.ReportedTokens, first.Usage!.TotalTokenCount + second.Usage!.TotalTokenCount);
        Assert.True(first.Usage.InputTokenCount > 0 && first.Usage.OutputTokenCount > 0);
        Assert.Equal("fake", first.ModelId);
    }

    [Fact]
    public async Task An_openai_run_completes_the_whole_workflow_through_the_command_line_with_a_project_persona()
    {
        await using var server = new FakeOpenAiServer();
        using var cli = new CliHarness();
        string variable = "TEAMBOT_TEST_KEY_" + Guid.NewGuid().ToString("N");
        Environment.SetEnvironmentVariable(variable, "test-key");
        Directory.CreateDirectory(Path.Combine(cli.Directory, ".github", "agents"));
        File.WriteAllText(Path.Combine(cli.Directory, ".github", "agents", "reviewer.agent.md"), "You are Rita, the strict reviewer.");

        (int exit, string output, string error) = await cli.RunAsync(["run", "objectives/add-export.md", "--agent", "openai", "--endpoint", server.Endpoint, "--model", "fake-model", "--api-key-variable", variable]);

        Assert.True(exit == ExitCodes.Complete, output + error);
        Assert.Contains(server.Requests, request => request["messages"]![0]!["content"]!.GetValue<string>() == "You are Rita, the strict reviewer.");
        Assert.Contains("Written by the model.", File.ReadAllText(Path.Combine(cli.RunDirectory("csv-export"), "artifacts", "research.md")), StringComparison.Ordinal);

        // Every token the model reported, the acceptance run's tool loop included, is in the saved run.
        TeamBot.State.OrchestrationStateDocument state = await new TeamBot.State.FileStateStore(cli.RunDirectory("csv-export")).LoadAsync(CancellationToken.None) ?? throw new InvalidOperationException("no state");
        Assert.Equal(server.ReportedTokens, state.TokenUsage!.Sum(line => line.TotalTokens));
        Assert.All(state.TokenUsage!, line => Assert.Equal("fake", line.Model));
        Assert.Contains($"Tokens:    {server.ReportedTokens:N0} (", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_api_key_is_bad_input()
    {
        using var cli = new CliHarness();

        (int exit, _, string error) = await cli.RunAsync(["run", "objectives/add-export.md", "--agent", "openai", "--api-key-variable", "TEAMBOT_NO_SUCH_VARIABLE"]);

        Assert.Equal(ExitCodes.BadInput, exit);
        Assert.Contains("TEAMBOT_NO_SUCH_VARIABLE", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Scenario_results_and_artifact_sections_are_read_from_the_answer()
    {
        var scenarios = System.Collections.Immutable.ImmutableArray.Create(
            new TeamBot.AcceptanceTests.AcceptanceScenario("AT-001", "a", "", "", "", "", ""),
            new TeamBot.AcceptanceTests.AcceptanceScenario("AT-002", "b", "", "", "", "", ""));

        var results = AnswerReader.ScenarioResults("AT-001: PASS - ok\n- AT-002: **FAIL** - missing header\nAT-009: PASS", scenarios);
        var artifacts = AnswerReader.Artifacts("intro\n=== artifact: a.md ===\nA\n=== artifact: b.md ===\nB\n=== artifact: other.md ===\nX", ["a.md", "b.md"]);

        Assert.Equal([("AT-001", TeamBot.AcceptanceTests.ScenarioOutcome.Passed), ("AT-002", TeamBot.AcceptanceTests.ScenarioOutcome.Failed)], results.Select(r => (r.Id, r.Outcome)));
        Assert.Equal("A\n", artifacts["a.md"]);
        Assert.Equal("B\n", artifacts["b.md"]);
        Assert.False(artifacts.ContainsKey("other.md"));
    }
}
