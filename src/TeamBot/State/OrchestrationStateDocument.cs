using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace TeamBot.State;

/// <summary>
/// <c>orchestration_state.json</c> as the Python TeamBot wrote it, plus the fields this runtime adds. Fields neither
/// knows are kept in <see cref="Extra"/> and written back unchanged.
/// </summary>
public sealed class OrchestrationStateDocument
{
    /// <summary>Gets or sets the objective file's path.</summary>
    [JsonPropertyName("objective_file")]
    public string? ObjectiveFile { get; set; }

    /// <summary>Gets or sets the stage that runs now or ran last.</summary>
    [JsonPropertyName("current_stage")]
    public string? CurrentStage { get; set; }

    /// <summary>Gets or sets the time the run has taken, over all its sessions.</summary>
    [JsonPropertyName("elapsed_seconds")]
    public double ElapsedSeconds { get; set; }

    /// <summary>Gets or sets the run's time budget.</summary>
    [JsonPropertyName("max_seconds")]
    public double MaxSeconds { get; set; }

    /// <summary>Gets or sets the status, in snake_case (<c>in_progress</c>, <c>complete</c>, <c>review_failed</c>...).</summary>
    [JsonPropertyName("status")]
    public string? Status { get; set; }

    /// <summary>Gets or sets where the workflow came from.</summary>
    [JsonPropertyName("stages_config_source")]
    public string? StagesConfigSource { get; set; }

    /// <summary>Gets or sets the feature name.</summary>
    [JsonPropertyName("feature_name")]
    public string? FeatureName { get; set; }

    /// <summary>Gets or sets a value indicating whether the last acceptance-test run passed.</summary>
    [JsonPropertyName("acceptance_tests_passed")]
    public bool AcceptanceTestsPassed { get; set; }

    /// <summary>Gets or sets the number of acceptance-test runs.</summary>
    [JsonPropertyName("acceptance_test_iterations")]
    public int AcceptanceTestIterations { get; set; }

    /// <summary>Gets or sets one entry per acceptance-test run.</summary>
    [JsonPropertyName("acceptance_test_history")]
    public List<AcceptanceHistoryEntry> AcceptanceTestHistory { get; set; } = [];

    /// <summary>Gets or sets the last run's summary line.</summary>
    [JsonPropertyName("acceptance_test_summary")]
    public string? AcceptanceTestSummary { get; set; }

    /// <summary>Gets or sets each stage's output, in the order the stages completed.</summary>
    [JsonPropertyName("stage_outputs")]
    public Dictionary<string, string> StageOutputs { get; set; } = [];

    /// <summary>Gets or sets each parallel group's member status.</summary>
    [JsonPropertyName("parallel_group_status")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public Dictionary<string, GroupStatusEntry>? ParallelGroupStatus { get; set; }

    /// <summary>Gets or sets the stages completed (added by TeamBot for .NET; derived from <c>current_stage</c> when absent).</summary>
    [JsonPropertyName("completed_stages")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public List<string>? CompletedStages { get; set; }

    /// <summary>Gets or sets the review iterations finished per review stage (added by TeamBot for .NET).</summary>
    [JsonPropertyName("review_iterations")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public Dictionary<string, int>? ReviewIterations { get; set; }

    /// <summary>Gets or sets the attempts of the review loop under way (added by TeamBot for .NET).</summary>
    [JsonPropertyName("review_attempts")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public List<ReviewAttemptEntry>? ReviewAttempts { get; set; }

    /// <summary>Gets or sets the tool calls each stage's agents made (added by TeamBot for .NET).</summary>
    [JsonPropertyName("tool_calls")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public Dictionary<string, List<ToolCallEntry>>? ToolCalls { get; set; }

    /// <summary>Gets or sets the tokens each stage's agents used, per agent and model (added by TeamBot for .NET).</summary>
    [JsonPropertyName("token_usage")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public List<UsageEntry>? TokenUsage { get; set; }

    /// <summary>Gets or sets the run's token budget, which a resume keeps unless given another (added by TeamBot for .NET).</summary>
    [JsonPropertyName("max_tokens")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public long? MaxTokens { get; set; }

    /// <summary>Gets or sets the run's cost budget, which a resume keeps unless given another (added by TeamBot for .NET).</summary>
    [JsonPropertyName("max_cost")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public decimal? MaxCost { get; set; }

    /// <summary>Gets or sets the prices the run's cost is counted at, which a resume keeps unless given others (added by TeamBot for .NET).</summary>
    [JsonPropertyName("prices")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public List<PriceEntry>? Prices { get; set; }

    /// <summary>Gets or sets why the run stopped (added by TeamBot for .NET).</summary>
    [JsonPropertyName("error")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Error { get; set; }

    /// <summary>
    /// Gets or sets the last journal entry this snapshot holds (added by TeamBot for .NET); later entries are replayed
    /// over it on load.
    /// </summary>
    [JsonPropertyName("journal_sequence")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public long? JournalSequence { get; set; }

    /// <summary>Gets or sets the agent the run was carried out by, which a resume uses again unless told otherwise (added by TeamBot for .NET).</summary>
    [JsonPropertyName("agent")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public AgentEntry? Agent { get; set; }

    /// <summary>Gets or sets the rules' choices of the session that wrote it, which replaying its journal needs (added by TeamBot for .NET).</summary>
    [JsonPropertyName("execution_policy")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public ExecutionPolicyEntry? ExecutionPolicy { get; set; }

    /// <summary>
    /// Gets or sets the version of the compiled workflow the run was last saved under (added by TeamBot for .NET); a file
    /// without one counts as the Python TeamBot's default workflow.
    /// </summary>
    [JsonPropertyName("workflow_version")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? WorkflowVersion { get; set; }

    /// <summary>Gets or sets the migrations applied to the run, oldest first (added by TeamBot for .NET).</summary>
    [JsonPropertyName("migrations")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public List<MigrationEntry>? Migrations { get; set; }

    /// <summary>Gets or sets the fields this runtime does not know, kept as they were.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}

/// <summary>One migration in <c>migrations</c>: how a run saved under an earlier workflow version was carried over.</summary>
public sealed class MigrationEntry
{
    /// <summary>Gets or sets the version the run was saved under.</summary>
    [JsonPropertyName("from_version")]
    public string FromVersion { get; set; } = "";

    /// <summary>Gets or sets the version the run was carried over to.</summary>
    [JsonPropertyName("to_version")]
    public string ToVersion { get; set; } = "";

    /// <summary>Gets or sets the stage keys renamed in the run, with their new keys.</summary>
    [JsonPropertyName("renamed")]
    public Dictionary<string, string> Renamed { get; set; } = [];

    /// <summary>Gets or sets the removed stage keys the run named, with the stage a run positioned there resumes at.</summary>
    [JsonPropertyName("removed")]
    public Dictionary<string, string> Removed { get; set; } = [];

    /// <summary>Gets or sets the loops whose counters were restarted at 0.</summary>
    [JsonPropertyName("reset_iterations")]
    public List<string> ResetIterations { get; set; } = [];

    /// <summary>Gets or sets the last journal entry the run held when it was migrated; entries up to it name the old stages.</summary>
    [JsonPropertyName("applied_at_journal_sequence")]
    public long AppliedAtJournalSequence { get; set; }

    /// <summary>Gets or sets the fields this runtime does not know.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}

/// <summary>The <c>execution_policy</c> of a snapshot.</summary>
public sealed class ExecutionPolicyEntry
{
    /// <summary>Gets or sets a value indicating whether optional stages are skipped.</summary>
    [JsonPropertyName("skip_optional_stages")]
    public bool SkipOptionalStages { get; set; }

    /// <summary>Gets or sets the review iterations of a review stage without <c>max_iterations</c>.</summary>
    [JsonPropertyName("max_review_iterations")]
    public int MaxReviewIterations { get; set; }

    /// <summary>Gets or sets the acceptance-test runs of a stage without <c>max_iterations</c>.</summary>
    [JsonPropertyName("max_acceptance_runs")]
    public int MaxAcceptanceRuns { get; set; }

    /// <summary>Records <paramref name="policy"/>.</summary>
    public static ExecutionPolicyEntry From(Rules.ExecutionPolicy policy)
    {
        System.ArgumentNullException.ThrowIfNull(policy);
        return new() { SkipOptionalStages = policy.SkipOptionalStages, MaxReviewIterations = policy.MaxReviewIterations, MaxAcceptanceRuns = policy.MaxAcceptanceRuns };
    }

    /// <summary>Gets the policy this entry records.</summary>
    public Rules.ExecutionPolicy ToPolicy() =>
        new() { SkipOptionalStages = SkipOptionalStages, MaxReviewIterations = MaxReviewIterations, MaxAcceptanceRuns = MaxAcceptanceRuns };
}

/// <summary>One acceptance-test run in <c>acceptance_test_history</c>.</summary>
public sealed class AcceptanceHistoryEntry
{
    /// <summary>Gets or sets the run, from 1.</summary>
    [JsonPropertyName("iteration")]
    public int Iteration { get; set; }

    /// <summary>Gets or sets the scenarios that passed.</summary>
    [JsonPropertyName("passed")]
    public int Passed { get; set; }

    /// <summary>Gets or sets the scenarios that failed.</summary>
    [JsonPropertyName("failed")]
    public int Failed { get; set; }

    /// <summary>Gets or sets the scenarios in all.</summary>
    [JsonPropertyName("total")]
    public int Total { get; set; }

    /// <summary>Gets or sets a value indicating whether all passed.</summary>
    [JsonPropertyName("all_passed")]
    public bool AllPassed { get; set; }

    /// <summary>Gets or sets a value indicating whether a fix followed.</summary>
    [JsonPropertyName("fix_applied")]
    public bool FixApplied { get; set; }

    /// <summary>Gets or sets what the fix did.</summary>
    [JsonPropertyName("fix_summary")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? FixSummary { get; set; }

    /// <summary>Gets or sets the run's report with each failure, which the fix works from (not in the Python format).</summary>
    [JsonPropertyName("report")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Report { get; set; }

    /// <summary>Gets or sets the fields this runtime does not know.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}

/// <summary>A parallel group's entry in <c>parallel_group_status</c>.</summary>
public sealed class GroupStatusEntry
{
    /// <summary>Gets or sets each member's status.</summary>
    [JsonPropertyName("stages")]
    public Dictionary<string, MemberStatusEntry> Stages { get; set; } = [];

    /// <summary>Gets or sets the fields this runtime does not know.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}

/// <summary>A member's status: <c>pending</c>, <c>completed</c> or <c>failed</c>, and the error.</summary>
public sealed class MemberStatusEntry
{
    /// <summary>Gets or sets the status.</summary>
    [JsonPropertyName("status")]
    public string Status { get; set; } = "pending";

    /// <summary>Gets or sets the error of a failed member.</summary>
    [JsonPropertyName("error")]
    public string? Error { get; set; }
}

/// <summary>One iteration of the review loop under way.</summary>
public sealed class ReviewAttemptEntry
{
    /// <summary>Gets or sets the iteration.</summary>
    [JsonPropertyName("iteration")]
    public int Iteration { get; set; }

    /// <summary>Gets or sets the work.</summary>
    [JsonPropertyName("work")]
    public string Work { get; set; } = "";

    /// <summary>Gets or sets the review.</summary>
    [JsonPropertyName("review")]
    public string? Review { get; set; }

    /// <summary>Gets or sets a value indicating whether it was approved.</summary>
    [JsonPropertyName("approved")]
    public bool Approved { get; set; }
}

/// <summary>The source-generated serializer for the state file: no reflection, trimming and Native AOT safe.</summary>
[JsonSourceGenerationOptions(WriteIndented = true, ReadCommentHandling = JsonCommentHandling.Disallow)]
[JsonSerializable(typeof(OrchestrationStateDocument))]
public sealed partial class StateJsonContext : JsonSerializerContext;
