using System;
using System.IO;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using TeamBot.Tests.Support;

namespace TeamBot.Hosting.Tests;

/// <summary>
/// Runs the Python TeamBot saved, resumed with <c>teambot resume</c> and the offline agent as its user would. The
/// fixtures are written in the Python tool's format (Fixtures/python); its real files are checked in TeamBot.Tests.
/// </summary>
public sealed class PythonSavedRunTests
{
    [Fact]
    public async Task A_run_saved_past_spec_finishes_with_the_scenarios_of_its_saved_spec_output_and_keeps_its_name_and_unknown_fields()
    {
        using var cli = new CliHarness();
        string state = Place(cli, "past-spec.json", "export");

        (int exit, string output, string error) = await cli.RunAsync(["resume", "export"]);

        Assert.True(exit == ExitCodes.Complete, output + error);
        Assert.DoesNotContain("StageStarted SETUP", output, StringComparison.Ordinal);
        Assert.DoesNotContain("MemberStarted RESEARCH", output, StringComparison.Ordinal);
        Assert.Contains("StageStarted PLAN", output, StringComparison.Ordinal);

        // No spec artifact: the scenarios came from the SPEC stage's saved output (2 there, 3 in a spec the offline agent writes).
        JsonNode saved = JsonNode.Parse(File.ReadAllText(state))!;
        Assert.Equal([2, 2], saved["acceptance_test_history"]!.AsArray().Select(run => run!["total"]!.GetValue<int>()));
        Assert.Equal("complete", saved["status"]!.GetValue<string>());

        // The folder's name is the saved feature_name, whatever today's derivation says; unknown fields stay as they were.
        Assert.Equal("export", saved["feature_name"]!.GetValue<string>());
        JsonNode original = JsonNode.Parse(File.ReadAllText(Fixture("past-spec.json")))!;
        Assert.True(JsonNode.DeepEquals(original["dashboard"], saved["dashboard"]));

        // The workflow that runs it now is recorded: the compiled one, not the file the Python tool read.
        Assert.Equal("stages.yaml", saved["stages_config_source"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_spec_without_scenarios_gets_them_from_its_owner_instead_of_stopping_the_run()
    {
        using var cli = new CliHarness();
        string state = Place(cli, "spec-without-scenarios.json", "csv-export");

        (int exit, string output, string error) = await cli.RunAsync(["resume"]);

        Assert.True(exit == ExitCodes.Complete, output + error);
        // It names where it looked: this saved run has no spec artifact and no scenarios in any saved output.
        Assert.Contains("AcceptanceRunCompleted ACCEPTANCE_TEST #1: ❌ NO SCENARIOS: ", output, StringComparison.Ordinal);
        Assert.Contains("artifacts/feature_spec.md", output.Split("❌ NO SCENARIOS")[1].Split('\n')[0], StringComparison.Ordinal);
        JsonArray history = JsonNode.Parse(File.ReadAllText(state))!["acceptance_test_history"]!.AsArray();
        Assert.Equal(0, history[0]!["total"]!.GetValue<int>());
        Assert.True(history[0]!["fix_applied"]!.GetValue<bool>());
        Assert.StartsWith("Acceptance Test: done by ba", history[0]!["fix_summary"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(3, history[^1]!["total"]!.GetValue<int>());
        Assert.True(history[^1]!["all_passed"]!.GetValue<bool>());
        Assert.Contains("### AT-003:", File.ReadAllText(Path.Combine(cli.RunDirectory("csv-export"), "artifacts", "feature_spec.md")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_spec_without_scenarios_gets_them_from_an_llm_agent_too()
    {
        await using var server = new FakeOpenAiServer();
        using var cli = new CliHarness();
        string state = Place(cli, "spec-without-scenarios.json", "csv-export");
        string variable = "TEAMBOT_TEST_KEY_" + Guid.NewGuid().ToString("N");
        Environment.SetEnvironmentVariable(variable, "test-key");

        (int exit, string output, string error) = await cli.RunAsync(["resume", "--agent", "openai", "--endpoint", server.Endpoint, "--model", "fake-model", "--api-key-variable", variable]);

        Assert.True(exit == ExitCodes.Complete, output + error);
        Assert.Contains(server.Requests, request => request["messages"]!.AsArray().Any(message => message!["content"]?.GetValue<string>().Contains("The acceptance tests found no scenarios in the spec", StringComparison.Ordinal) == true));
        JsonArray history = JsonNode.Parse(File.ReadAllText(state))!["acceptance_test_history"]!.AsArray();
        Assert.Equal([0, 2], history.Select(run => run!["total"]!.GetValue<int>()));
        Assert.Contains("### AT-002:", File.ReadAllText(Path.Combine(cli.RunDirectory("csv-export"), "artifacts", "feature_spec.md")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_run_saved_mid_group_runs_only_the_member_it_had_not_finished()
    {
        using var cli = new CliHarness();
        string state = Place(cli, "mid-group.json", "csv-export");

        (int exit, string output, string error) = await cli.RunAsync(["resume", "csv-export"]);

        Assert.True(exit == ExitCodes.Complete, output + error);
        Assert.Contains("MemberStarted RESEARCH [post_spec_review]", output, StringComparison.Ordinal);
        Assert.DoesNotContain("MemberStarted TEST_STRATEGY", output, StringComparison.Ordinal);
        JsonNode saved = JsonNode.Parse(File.ReadAllText(state))!;
        Assert.Equal("Unit tests for the writer.", saved["stage_outputs"]!["TEST_STRATEGY"]!.GetValue<string>());
        Assert.Equal(12345, saved["notifications"]!["telegram"]!["chat"]!.GetValue<int>());
        Assert.Equal("kept", saved["parallel_group_status"]!["post_spec_review"]!["note_from_python"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_run_saved_mid_review_continues_its_review_loop_where_it_stopped()
    {
        using var cli = new CliHarness();
        string state = Path.Combine(cli.RunDirectory("add-export"), "orchestration_state.json");
        Directory.CreateDirectory(Path.GetDirectoryName(state)!);
        File.Copy(Path.Combine(TestSupport.RepoRoot, "tests", "TeamBot.Tests", "Fixtures", "mid-review.json"), state);

        (int exit, string output, string error) = await cli.RunAsync(["resume", "add-export"]);

        Assert.True(exit == ExitCodes.Complete, output + error);
        Assert.Contains("ReviewIterationStarted PLAN_REVIEW #3", output, StringComparison.Ordinal);
        Assert.DoesNotContain("ReviewIterationStarted PLAN_REVIEW #1", output, StringComparison.Ordinal);
        JsonNode saved = JsonNode.Parse(File.ReadAllText(state))!;
        Assert.Equal("add-export", saved["feature_name"]!.GetValue<string>());
        Assert.Equal("team-a", saved["custom_dashboard_field"]!["owner"]!.GetValue<string>());
    }

    [Fact]
    public async Task Status_counts_a_complete_python_run_as_complete()
    {
        using var cli = new CliHarness();
        Place(cli, "complete.json", "csv-export");

        (int exit, string output, string error) = await cli.RunAsync(["status"]);

        Assert.True(exit == ExitCodes.Complete, output + error);
        Assert.Contains("14/14 stages", output, StringComparison.Ordinal);
        Assert.Contains("complete", output, StringComparison.Ordinal);
    }

    /// <summary>Puts a fixture where the Python tool kept it: <c>.teambot/&lt;feature&gt;/orchestration_state.json</c>.</summary>
    private static string Place(CliHarness cli, string fixture, string folder)
    {
        string state = Path.Combine(cli.RunDirectory(folder), "orchestration_state.json");
        Directory.CreateDirectory(Path.GetDirectoryName(state)!);
        File.Copy(Fixture(fixture), state);
        return state;
    }

    private static string Fixture(string name) => Path.Combine(TestSupport.RepoRoot, "tests", "TeamBot.Hosting.Tests", "Fixtures", "python", name);
}
