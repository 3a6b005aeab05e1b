using System.Collections.Generic;

namespace TeamBot.Workflow.Parsing;

/// <summary>The field names of the stages.yaml schema (see docs/stages-yaml.md and schemas/stages.schema.json).</summary>
public static class WorkflowSchema
{
    /// <summary>The section that declares the stages.</summary>
    public const string Stages = "stages";
    /// <summary>The section that orders the stages.</summary>
    public const string StageOrder = "stage_order";
    /// <summary>The section of parallel groups.</summary>
    public const string ParallelGroups = "parallel_groups";
    /// <summary>The section that maps work stages to their review stages.</summary>
    public const string WorkToReviewMapping = "work_to_review_mapping";

    /// <summary>The section that says how runs saved under shipped versions carry over.</summary>
    public const string Migrations = "migrations";

    /// <summary>The section that declares the run's budget and the models' prices.</summary>
    public const string Budget = "budget";

    /// <summary>The top-level sections.</summary>
    public static IReadOnlyList<string> TopLevelFields { get; } = [Stages, StageOrder, ParallelGroups, WorkToReviewMapping, Migrations, Budget];

    /// <summary>The fields of the <c>budget</c> section.</summary>
    public static IReadOnlyList<string> BudgetFields { get; } = ["tokens", "cost", "time", "policy", "prices"];

    /// <summary>The fields of one model's price under <c>budget.prices</c>.</summary>
    public static IReadOnlyList<string> PriceFields { get; } = ["input", "output"];

    /// <summary>The fields of the <c>migrations</c> section.</summary>
    public static IReadOnlyList<string> MigrationFields { get; } = ["renamed", "removed", "reset_iterations"];

    /// <summary>The fields of a stage.</summary>
    public static IReadOnlyList<string> StageFields { get; } =
    [
        "name", "description", "work_agent", "review_agent", "allowed_personas", "artifacts", "exit_criteria",
        "optional", "is_review_stage", "is_acceptance_test_stage", "requires_acceptance_tests_passed",
        "include_objective", "prompt_template", "parallel_agents", "timeout", "max_iterations", "max_tokens_per_call", "permissions",
    ];

    /// <summary>The fields of a stage's permissions.</summary>
    public static IReadOnlyList<string> PermissionFields { get; } = ["tools", "write", "commands"];

    /// <summary>The workspace tools a stage may permit (see docs/agents.md); the first four only read.</summary>
    public static IReadOnlyList<string> Tools { get; } = ["list_files", "read_file", "search_files", "show_diff", "write_file", "edit_file", "run_command"];

    /// <summary>The fields of a parallel group.</summary>
    public static IReadOnlyList<string> GroupFields { get; } = ["after", "stages", "before", "max_concurrency"];
}
