using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using TeamBot.Execution;
using TeamBot.Rules;
using TeamBot.State;
using TeamBot.Tests.Fakes;

namespace TeamBot.Tests.State;

/// <summary>
/// Hand-edited and hostile state values: each is refused with the file, the JSON path and the value named, the file is
/// left byte for byte, and no agent is called. Each case crashed, looped or was accepted silently before the validator.
/// </summary>
public sealed class StateValidationTests
{
    public static TheoryData<string, string, string> BadValues => new()
    {
        { "stage_outputs.PLAN", "null", "$.stage_outputs.PLAN: null must have a value" },
        { "stage_outputs", "null", "$.stage_outputs: null must have a value" },
        { "acceptance_test_history", "null", "$.acceptance_test_history: null must have a value" },
        { "acceptance_test_history[0]", "null", "$.acceptance_test_history[0]: null must have a value" },
        { "acceptance_test_history[0].failed", "-1", "$.acceptance_test_history[0].failed: -1 is not a count" },
        { "parallel_group_status.post_spec_review", "null", "$.parallel_group_status.post_spec_review: null must have a value" },
        { "parallel_group_status.post_spec_review.stages", "null", "$.parallel_group_status.post_spec_review.stages: null must have a value" },
        { "parallel_group_status.post_spec_review.stages.RESEARCH", "null", "$.parallel_group_status.post_spec_review.stages.RESEARCH: null must have a value" },
        { "parallel_group_status.post_spec_review.stages.RESEARCH.status", "null", "$.parallel_group_status.post_spec_review.stages.RESEARCH.status: null must have a value" },
        { "parallel_group_status.post_spec_review.stages.RESEARCH.status", "\"bogus\"", "$.parallel_group_status.post_spec_review.stages.RESEARCH.status: 'bogus' is not a member status" },
        { "completed_stages[0]", "null", "$.completed_stages[0]: null must have a value" },
        { "review_attempts[0]", "null", "$.review_attempts[0]: null must have a value" },
        { "review_attempts[0].work", "null", "$.review_attempts[0].work: null must have a value" },
        { "review_attempts[0].iteration", "2147483647", "$.review_attempts[0].iteration: 2147483647 is not an iteration from 1 to 10000" },
        { "review_iterations.PLAN_REVIEW", "2147483647", "$.review_iterations.PLAN_REVIEW: 2147483647 is not an iteration from 0 to 10000" },
        { "review_iterations.PLAN_REVIEW", "-1", "$.review_iterations.PLAN_REVIEW: -1 is not an iteration from 0 to 10000" },
        { "acceptance_test_iterations", "2147483647", "$.acceptance_test_iterations: 2147483647 is not an iteration" },
        { "elapsed_seconds", "1e300", "$.elapsed_seconds: 1E+300 is not a time in seconds" },
        { "max_seconds", "1e300", "$.max_seconds: 1E+300 is not a time in seconds" },
        { "elapsed_seconds", "-5", "$.elapsed_seconds: -5 is not a time in seconds" },
        { "status", "\"bogus\"", "$.status: 'bogus' is not a run status" },
        { "status", "\"bad\\nline\"", "$.status: 'bad\\u000aline' is not a run status" },
        { "tool_calls.PLAN[0]", "null", "$.tool_calls.PLAN[0]: null must have a value" },
        { "tool_calls.PLAN", "null", "$.tool_calls.PLAN: null must have a value" },
        { "execution_policy.max_review_iterations", "0", "$.execution_policy.max_review_iterations: 0 is not an iteration from 1" },
        { "journal_sequence", "-3", "$.journal_sequence: -3 is negative" },
        { "token_usage[0]", "null", "$.token_usage[0]: null must have a value" },
        { "token_usage[0].stage", "null", "$.token_usage[0].stage: null must have a value" },
        { "token_usage[0].agent", "null", "$.token_usage[0].agent: null must have a value" },
        { "token_usage[0].input_tokens", "-1", "$.token_usage[0].input_tokens: -1 is not a count" },
        { "token_usage[1].total_tokens", "-9", "$.token_usage[1].total_tokens: -9 is not a count" },
        { "token_usage[0].calls", "-2", "$.token_usage[0].calls: -2 is not a count" },
        { "max_tokens", "0", "$.max_tokens: 0 is not a token budget" },
        { "max_cost", "-1", "$.max_cost: -1 is not a cost budget" },
        { "prices[0].model", "null", "$.prices[0].model: null must have a value" },
        { "prices[0].input", "-0.5", "$.prices[0]: -0.5/1.60 is not a price" },
    };

    [Fact]
    public async Task The_fixture_with_every_field_is_valid_and_resumes_to_complete()
    {
        using var run = new TestRun();
        File.Copy(Fixture, run.Store.StatePath);
        Directory.CreateDirectory(Path.Combine(run.Directory, "artifacts"));
        File.WriteAllText(Path.Combine(run.Directory, "artifacts", "feature_spec.md"), FakeTeam.Spec);

        // The saved cost budget is counted at a price given now (one price stands for the model a line does not name).
        var prices = new TeamBot.Definitions.RunBudget { Prices = [new TeamBot.Definitions.ModelPrice("gpt-4.1-mini", 0.40m, 1.60m), new TeamBot.Definitions.ModelPrice("fake", 1m, 1m)] };
        run.Team.Usage = 100;
        WorkflowResult result = await run.Runner(Workflow.Definition, new WorkflowRunnerOptions { Budget = prices }).ResumeAsync(TestRun.Objective);

        Assert.Equal(RunStatus.Complete, result.Status);
        Assert.Equal(2, run.Team.Calls.First(c => c.Context.Stage == "PLAN_REVIEW").Context.Iteration);

        // The saved usage is kept and added to, and the saved budget is the run's.
        SavedRun<Stage> saved = (await SavedRun.LoadAsync(Workflow.Definition, run.Store))!;
        Assert.Equal(3000 + (100 * run.Team.Calls.Count), saved.State.TotalUsage.TotalTokens);
        Assert.Equal((500_000L, 12.5m), (saved.Document.MaxTokens!.Value, saved.Document.MaxCost!.Value));
    }

    [Theory]
    [MemberData(nameof(BadValues))]
    public async Task A_bad_value_is_refused_naming_the_file_the_path_and_the_value_and_the_file_is_untouched(string path, string value, string expected)
    {
        using var run = new TestRun();
        JsonNode document = JsonNode.Parse(File.ReadAllText(Fixture))!;
        Set(document, path, JsonNode.Parse(value));
        File.WriteAllText(run.Store.StatePath, document.ToJsonString());
        byte[] before = File.ReadAllBytes(run.Store.StatePath);

        var ex = await Assert.ThrowsAsync<WorkflowStateException>(() => run.Runner(Workflow.Definition).ResumeAsync(TestRun.Objective));

        Assert.Contains($"The state file '{run.Store.StatePath}' is invalid at {expected}", ex.Message, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllBytes(run.Store.StatePath));
        Assert.Empty(run.Team.Calls);
    }

    [Fact]
    public async Task A_key_that_is_not_a_plain_word_is_quoted_in_the_path_with_its_control_characters_escaped()
    {
        using var run = new TestRun();
        JsonNode document = JsonNode.Parse(File.ReadAllText(Fixture))!;
        document["parallel_group_status"]!["odd group\n"] = null;
        File.WriteAllText(run.Store.StatePath, document.ToJsonString());

        var ex = await Assert.ThrowsAsync<WorkflowStateException>(() => run.Runner(Workflow.Definition).ResumeAsync(TestRun.Objective));

        Assert.Contains("at $.parallel_group_status['odd group\\u000a']: null must have a value", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("\n", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_state_file_with_a_byte_order_mark_loads()
    {
        using var run = new TestRun();
        File.WriteAllBytes(run.Store.StatePath, [.. Encoding.UTF8.GetPreamble(), .. File.ReadAllBytes(Fixture)]);

        SavedRun<Stage>? saved = await SavedRun.LoadAsync(Workflow.Definition, run.Store);

        Assert.Equal(Stage.PlanReview, saved!.State.CurrentStage);
    }

    [Fact]
    public async Task A_journal_with_a_byte_order_mark_is_replayed()
    {
        using var run = new TestRun();
        File.Copy(Fixture, run.Store.StatePath);
        File.WriteAllText(run.Store.JournalPath, "\uFEFF{\"seq\":15,\"elapsed_seconds\":901,\"event\":\"review_work_done\",\"stage\":\"PLAN_REVIEW\",\"iteration\":2,\"text\":\"# Plan v2\"}\n", new UTF8Encoding(false));

        SavedRun<Stage>? saved = await SavedRun.LoadAsync(Workflow.Definition, run.Store);

        Assert.Equal(1, saved!.ReplayedEntries);
        Assert.Equal("# Plan v2", saved.State.ReviewAttempts[^1].Work);
    }

    public static TheoryData<string, string> BadJournalValues => new()
    {
        { "\"iteration\":2147483647", "$.iteration of entry 15: 2147483647 is not an iteration from 1 to 10000" },
        { "\"iteration\":0", "$.iteration of entry 15: 0 is not an iteration from 1" },
        { "\"elapsed_seconds\":-1", "$.elapsed_seconds of entry 15: -1 is not a time in seconds" },
        { "\"elapsed_seconds\":1e300", "$.elapsed_seconds of entry 15: 1E+300 is not a time in seconds" },
        { "\"passed\":-2", "$.passed of entry 15: -2 is not a count" },
        { "\"tool_calls\":[null]", "$.tool_calls[0] of entry 15: null must have a value" },
        { "\"usage\":[null]", "$.usage[0] of entry 15: null must have a value" },
        { "\"usage\":[{\"agent\":\"pm\",\"input_tokens\":-5,\"output_tokens\":1,\"total_tokens\":1}]", "$.usage[0].input_tokens of entry 15: -5 is not a count" },
    };

    [Theory]
    [MemberData(nameof(BadJournalValues))]
    public async Task A_bad_journal_value_is_refused_naming_the_journal_and_the_entry(string field, string expected)
    {
        using var run = new TestRun();
        File.Copy(Fixture, run.Store.StatePath);
        string iteration = field.StartsWith("\"iteration\"", StringComparison.Ordinal) ? "" : "\"iteration\":2,";
        File.WriteAllText(run.Store.JournalPath, $"{{\"seq\":15,\"elapsed_seconds\":901,\"event\":\"review_work_done\",\"stage\":\"PLAN_REVIEW\",{iteration}\"text\":\"v2\",{field}}}\n");
        byte[] before = File.ReadAllBytes(run.Store.JournalPath);

        var ex = await Assert.ThrowsAsync<WorkflowStateException>(() => SavedRun.LoadAsync(Workflow.Definition, run.Store).AsTask());

        Assert.Contains($"The journal '{run.Store.JournalPath}' is invalid at {expected}", ex.Message, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllBytes(run.Store.JournalPath));
    }

    private static string Fixture => Path.Combine(AppContext.BaseDirectory, "Fixtures", "every-field.json");

    /// <summary>Sets the value at a path such as <c>a.b[0].c</c>.</summary>
    private static void Set(JsonNode root, string path, JsonNode? value)
    {
        List<object> steps = [];
        foreach (string part in path.Split('.'))
        {
            int bracket = part.IndexOf('[', StringComparison.Ordinal);
            steps.Add(bracket < 0 ? part : part[..bracket]);
            if (bracket >= 0)
            {
                steps.Add(int.Parse(part[(bracket + 1)..^1], System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        JsonNode parent = root;
        foreach (object step in steps.SkipLast(1))
        {
            parent = step is int index ? parent[index]! : parent[(string)step]!;
        }

        if (steps[^1] is int last)
        {
            parent.AsArray()[last] = value;
        }
        else
        {
            parent[(string)steps[^1]] = value;
        }
    }
}
