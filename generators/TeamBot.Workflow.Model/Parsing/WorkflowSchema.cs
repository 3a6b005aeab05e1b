namespace TeamBot.Workflow.Parsing;

/// <summary>The field names of the stages.yaml schema (see docs/stages-yaml.md and schemas/stages.schema.json).</summary>
internal static class WorkflowSchema
{
    public const string Stages = "stages";
    public const string StageOrder = "stage_order";
    public const string ParallelGroups = "parallel_groups";
    public const string WorkToReviewMapping = "work_to_review_mapping";

    public static readonly string[] TopLevelFields = [Stages, StageOrder, ParallelGroups, WorkToReviewMapping];

    public static readonly string[] StageFields =
    [
        "name", "description", "work_agent", "review_agent", "allowed_personas", "artifacts", "exit_criteria",
        "optional", "is_review_stage", "is_acceptance_test_stage", "requires_acceptance_tests_passed",
        "include_objective", "prompt_template", "parallel_agents", "timeout", "max_iterations",
    ];

    public static readonly string[] GroupFields = ["after", "stages", "before", "max_concurrency"];
}
