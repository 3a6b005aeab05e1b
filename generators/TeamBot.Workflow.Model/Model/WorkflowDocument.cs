namespace TeamBot.Workflow.Model;

/// <summary>A <c>stages.yaml</c> file as written: every value with its location, nothing checked beyond its shape.</summary>
/// <param name="Stages">The stages in the order they are declared under <c>stages</c>.</param>
/// <param name="StageOrder">The entries of <c>stage_order</c>.</param>
/// <param name="ParallelGroups">The groups under <c>parallel_groups</c>.</param>
/// <param name="ReviewMappings">The pairs under <c>work_to_review_mapping</c>.</param>
/// <param name="StagesSpan">Where <c>stages</c> is, or the file start when missing.</param>
/// <param name="StageOrderSpan">Where <c>stage_order</c> is, or the file start when missing.</param>
/// <param name="ParallelGroupsSpan">Where the key <c>parallel_groups</c> is; empty when there is none.</param>
/// <param name="ReviewMappingsSpan">Where the key <c>work_to_review_mapping</c> is; empty when there is none.</param>
/// <param name="Migrations">The <c>migrations</c> section, or <see langword="null"/> when there is none.</param>
/// <param name="Budget">The <c>budget</c> section, or <see langword="null"/> when there is none.</param>
public sealed record WorkflowDocument(
    EquatableArray<StageDefinition> Stages,
    EquatableArray<Located<string>> StageOrder,
    EquatableArray<ParallelGroupDefinition> ParallelGroups,
    EquatableArray<ReviewMappingDefinition> ReviewMappings,
    SourceSpan StagesSpan,
    SourceSpan StageOrderSpan,
    SourceSpan ParallelGroupsSpan = default,
    SourceSpan ReviewMappingsSpan = default,
    MigrationsDefinition? Migrations = null,
    BudgetDefinition? Budget = null);
