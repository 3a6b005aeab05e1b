using System;
using System.Collections.Immutable;
using System.Linq;
using TeamBot.Definitions;

namespace TeamBot.Hosting.Tests;

/// <summary>The compiled workflow with one stage's prompt template edited, as a rebuild after that edit would compile it.</summary>
internal sealed class TemplateEditedWorkflow(IWorkflowDefinition<Stage> inner, Stage edited, string template) : IWorkflowDefinition<Stage>
{
    private readonly StageDescriptor<Stage> _edited = Edit(inner.GetStage(edited), template);

    public string Name => inner.Name;

    public string SourceFileName => inner.SourceFileName;

    public ImmutableArray<Stage> StageOrder => inner.StageOrder;

    public ImmutableArray<StageDescriptor<Stage>> Stages => [.. inner.Stages.Select(stage => stage.Stage == edited ? _edited : stage)];

    public ImmutableArray<ParallelGroupDescriptor<Stage>> ParallelGroups => inner.ParallelGroups;

    public ImmutableArray<ReviewMapping<Stage>> ReviewMappings => inner.ReviewMappings;

    public string MermaidGraph => inner.MermaidGraph;

    public WorkflowVersioning Versioning => inner.Versioning;

    public StageDescriptor<Stage> GetStage(Stage stage) => stage == edited ? _edited : inner.GetStage(stage);

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
