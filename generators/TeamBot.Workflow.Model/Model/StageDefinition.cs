namespace TeamBot.Workflow.Model;

/// <summary>One entry under <c>stages</c>.</summary>
public sealed record StageDefinition
{
    /// <summary>Gets the stage's key, its persisted name.</summary>
    public required Located<string> Key { get; init; }

    /// <summary>Gets the <c>name</c> field.</summary>
    public string? Name { get; init; }

    /// <summary>Gets the <c>description</c> field.</summary>
    public string? Description { get; init; }

    /// <summary>Gets the <c>work_agent</c> field.</summary>
    public Located<string>? WorkAgent { get; init; }

    /// <summary>Gets the <c>review_agent</c> field.</summary>
    public Located<string>? ReviewAgent { get; init; }

    /// <summary>Gets the <c>allowed_personas</c> field.</summary>
    public EquatableArray<Located<string>> AllowedPersonas { get; init; }

    /// <summary>Gets the <c>artifacts</c> field.</summary>
    public EquatableArray<Located<string>> Artifacts { get; init; }

    /// <summary>Gets the <c>exit_criteria</c> field.</summary>
    public EquatableArray<string> ExitCriteria { get; init; }

    /// <summary>Gets the <c>optional</c> field.</summary>
    public bool Optional { get; init; }

    /// <summary>Gets the <c>is_review_stage</c> field.</summary>
    public bool IsReviewStage { get; init; }

    /// <summary>Gets the <c>is_acceptance_test_stage</c> field.</summary>
    public bool IsAcceptanceTestStage { get; init; }

    /// <summary>Gets the <c>requires_acceptance_tests_passed</c> field.</summary>
    public Located<bool>? RequiresAcceptanceTestsPassed { get; init; }

    /// <summary>Gets the <c>include_objective</c> field (default <see langword="true"/>).</summary>
    public bool IncludeObjective { get; init; } = true;

    /// <summary>Gets the <c>prompt_template</c> field.</summary>
    public Located<string>? PromptTemplate { get; init; }

    /// <summary>Gets the <c>parallel_agents</c> field.</summary>
    public EquatableArray<Located<string>> ParallelAgents { get; init; }

    /// <summary>Gets the <c>timeout</c> field as written; the validator checks its format.</summary>
    public Located<string>? Timeout { get; init; }

    /// <summary>Gets the <c>max_iterations</c> field.</summary>
    public Located<int>? MaxIterations { get; init; }

    /// <summary>Gets the <c>max_tokens_per_call</c> field: the most tokens (input and output) one agent call may use.</summary>
    public Located<int>? MaxTokensPerCall { get; init; }

    /// <summary>Gets the <c>permissions</c> field; <see langword="null"/> when the stage's agents get no workspace tools.</summary>
    public PermissionsDefinition? Permissions { get; init; }
}
