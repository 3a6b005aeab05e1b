using System;
using System.Collections.Immutable;

namespace TeamBot.Definitions;

/// <summary>
/// A workflow compiled from a <c>stages.yaml</c> file by the TeamBot source generator.
/// </summary>
/// <typeparam name="TStage">The generated stage enum; its values are the stages' positions in <c>stage_order</c>.</typeparam>
/// <remarks>
/// Implementations are generated: every lookup is a switch or an array index, so nothing is parsed,
/// reflected over or allocated at run time.
/// </remarks>
public interface IWorkflowDefinition<TStage>
    where TStage : struct, Enum
{
    /// <summary>Gets the workflow's name (the generated class name).</summary>
    string Name { get; }

    /// <summary>Gets the file name of the YAML file the workflow was compiled from.</summary>
    string SourceFileName { get; }

    /// <summary>Gets the stages in <c>stage_order</c>.</summary>
    ImmutableArray<TStage> StageOrder { get; }

    /// <summary>Gets the stage descriptors in <c>stage_order</c>.</summary>
    ImmutableArray<StageDescriptor<TStage>> Stages { get; }

    /// <summary>Gets the parallel groups in declaration order.</summary>
    ImmutableArray<ParallelGroupDescriptor<TStage>> ParallelGroups { get; }

    /// <summary>Gets the work-to-review mappings in declaration order.</summary>
    ImmutableArray<ReviewMapping<TStage>> ReviewMappings { get; }

    /// <summary>Gets a Mermaid flowchart of the workflow.</summary>
    string MermaidGraph { get; }

    /// <summary>Gets the descriptor of <paramref name="stage"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="stage"/> is not a stage of this workflow.</exception>
    StageDescriptor<TStage> GetStage(TStage stage);

    /// <summary>
    /// Gets the stages that run after <paramref name="stage"/> completes: the next stage in order, every member of a
    /// parallel group the stage triggers, or a group's gate for a group member. Empty for the last stage.
    /// </summary>
    ImmutableArray<TStage> GetNextStages(TStage stage);

    /// <summary>Gets the parallel group that starts when <paramref name="stage"/> completes, or <see langword="null"/>.</summary>
    ParallelGroupDescriptor<TStage>? GetGroupTriggeredBy(TStage stage);

    /// <summary>Gets the parallel group that <paramref name="stage"/> is a member of, or <see langword="null"/>.</summary>
    ParallelGroupDescriptor<TStage>? GetGroupOf(TStage stage);

    /// <summary>Gets the review stage that reviews the work of <paramref name="workStage"/>, or <see langword="null"/>.</summary>
    TStage? GetReviewStage(TStage workStage);

    /// <summary>Gets the work stage whose output <paramref name="reviewStage"/> reviews, or <see langword="null"/>.</summary>
    TStage? GetWorkStage(TStage reviewStage);

    /// <summary>Gets the stage's persisted name, its key in <c>stages.yaml</c> (for example <c>SPEC_REVIEW</c>).</summary>
    string GetStageName(TStage stage);

    /// <summary>Finds a stage by its persisted name (the YAML key), case-sensitively.</summary>
    bool TryGetStage(string name, out TStage stage);

    /// <summary>
    /// Gets the workflow's version and the migrations from its shipped versions, which a resume applies to a run saved
    /// under an earlier version. A definition that does not track versions returns <see cref="WorkflowVersioning.None"/>.
    /// </summary>
    WorkflowVersioning Versioning => WorkflowVersioning.None;

    /// <summary>Gets the run budget declared under <c>budget</c>; <see cref="WorkflowBudget.None"/> when there is none.</summary>
    WorkflowBudget Budget => WorkflowBudget.None;

    /// <summary>Gets the build-time worst case of one run; <see cref="WorkflowCosts.Unknown"/> for a hand-written definition.</summary>
    WorkflowCosts Costs => WorkflowCosts.Unknown;
}
