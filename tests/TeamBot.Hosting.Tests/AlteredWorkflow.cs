using System;
using System.Collections.Immutable;
using System.Linq;
using TeamBot.Definitions;

namespace TeamBot.Hosting.Tests;

/// <summary>
/// The compiled workflow with what a test changes: one stage's descriptor (a prompt template edited, as a rebuild after
/// that edit would compile it), or the declared budget and computed worst case.
/// </summary>
internal sealed class AlteredWorkflow(IWorkflowDefinition<Stage> inner, StageDescriptor<Stage>? replaced = null, WorkflowBudget? budget = null, WorkflowCosts? costs = null) : IWorkflowDefinition<Stage>
{
    /// <summary>The workflow with <paramref name="stage"/>'s prompt template replaced by <paramref name="template"/>.</summary>
    public static AlteredWorkflow WithPromptTemplate(IWorkflowDefinition<Stage> inner, Stage stage, string template) =>
        new(inner, Edit(inner.GetStage(stage), template));

    public string Name => inner.Name;

    public string SourceFileName => inner.SourceFileName;

    public ImmutableArray<Stage> StageOrder => inner.StageOrder;

    public ImmutableArray<StageDescriptor<Stage>> Stages => [.. inner.Stages.Select(stage => GetStage(stage.Stage))];

    public ImmutableArray<ParallelGroupDescriptor<Stage>> ParallelGroups => inner.ParallelGroups;

    public ImmutableArray<ReviewMapping<Stage>> ReviewMappings => inner.ReviewMappings;

    public string MermaidGraph => inner.MermaidGraph;

    public WorkflowVersioning Versioning => inner.Versioning;

    public WorkflowBudget Budget => budget ?? inner.Budget;

    public WorkflowCosts Costs => costs ?? inner.Costs;

    public StageDescriptor<Stage> GetStage(Stage stage) => replaced is not null && replaced.Stage == stage ? replaced : inner.GetStage(stage);

    public ImmutableArray<Stage> GetNextStages(Stage stage) => inner.GetNextStages(stage);

    public ParallelGroupDescriptor<Stage>? GetGroupTriggeredBy(Stage stage) => inner.GetGroupTriggeredBy(stage);

    public ParallelGroupDescriptor<Stage>? GetGroupOf(Stage stage) => inner.GetGroupOf(stage);

    public Stage? GetReviewStage(Stage workStage) => inner.GetReviewStage(workStage);

    public Stage? GetWorkStage(Stage reviewStage) => inner.GetWorkStage(reviewStage);

    public string GetStageName(Stage stage) => inner.GetStageName(stage);

    public bool TryGetStage(string name, out Stage stage) => inner.TryGetStage(name, out stage);

    private static StageDescriptor<Stage> Edit(StageDescriptor<Stage> stage, string template) => new()
    {
        Stage = stage.Stage,
        Key = stage.Key,
        Name = stage.Name,
        Description = stage.Description,
        WorkAgent = stage.WorkAgent,
        ReviewAgent = stage.ReviewAgent,
        AllowedPersonas = stage.AllowedPersonas,
        Artifacts = stage.Artifacts,
        ExitCriteria = stage.ExitCriteria,
        IsOptional = stage.IsOptional,
        IsReviewStage = stage.IsReviewStage,
        IsAcceptanceTestStage = stage.IsAcceptanceTestStage,
        RequiresAcceptanceTestsPassed = stage.RequiresAcceptanceTestsPassed,
        IncludeObjective = stage.IncludeObjective,
        PromptTemplatePath = "prompts/plan.md",
        PromptTemplate = template,
        ParallelAgents = stage.ParallelAgents,
        Timeout = stage.Timeout,
        MaxIterations = stage.MaxIterations,
        Permissions = stage.Permissions,
        MaxTokensPerCall = stage.MaxTokensPerCall,
        WorstCaseCalls = stage.WorstCaseCalls,
        WorstCaseTokens = stage.WorstCaseTokens,
        WorstCaseTime = stage.WorstCaseTime,
    };
}
