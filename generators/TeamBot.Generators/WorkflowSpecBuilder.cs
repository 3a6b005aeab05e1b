using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using TeamBot.Generators.Model;
using TeamBot.Workflow;
using TeamBot.Workflow.Costs;
using TeamBot.Workflow.Diagnostics;
using TeamBot.Workflow.Model;
using TeamBot.Workflow.Naming;
using TeamBot.Workflow.Versioning;

namespace TeamBot.Generators;

/// <summary>
/// Turns a workflow file into the model the emitter writes, or into its problems when it has errors. A half-valid
/// workflow is never emitted; its stand-in types (<see cref="WorkflowStubBuilder"/>) are, so that C# code using them
/// gets one error carrying the YAML's first error instead of a cascade of "type not found".
/// </summary>
internal static class WorkflowSpecBuilder
{
    public static WorkflowBuild Build(WorkflowFileInput input, PromptTemplateFiles templates, VersionsFileInput? versionsFile)
    {
        WorkflowAnalysis analysis = WorkflowAnalysis.Analyze(input.Text, relative => templates.Find(input.Path, relative));
        if (analysis.Document is not { } document || analysis.HasErrors())
        {
            return new WorkflowBuild(input.Path, input.Text.Length, null, analysis.Problems, WorkflowStubBuilder.FromProblems(input, analysis.Document, analysis.Problems));
        }

        // The gate: every run a shipped version can have saved must still resume under this file.
        EquatableArray<ShippedVersion> shipped = versionsFile?.Versions ?? default;
        EquatableArray<WorkflowProblem> versionsProblems = versionsFile?.Problems ?? default;
        CompatibilityResult compatibility = WorkflowCompatibility.Check(document, shipped);
        var versioning = new VersioningSpec(compatibility.Version, compatibility.Plans);

        // No length for a valid file: a comment edit must leave this step's output equal, so nothing downstream re-runs.
        return new WorkflowBuild(input.Path, compatibility.Problems.Count > 0 ? input.Text.Length : 0, ToSpec(input, document, versioning), compatibility.Problems)
        {
            VersionsProblems = versionsProblems,
            VersionsPath = versionsProblems.Count > 0 ? versionsFile!.OriginalPath : null,
            VersionsTextLength = versionsProblems.Count > 0 ? versionsFile!.TextLength : 0,
        };
    }

    private static WorkflowSpec ToSpec(WorkflowFileInput input, WorkflowDocument document, VersioningSpec versioning)
    {
        var stagesByKey = document.Stages.ToDictionary(stage => stage.Key.Value, StringComparer.Ordinal);
        string[] order = document.StageOrder.Select(entry => entry.Value).ToArray();
        var positions = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < order.Length; i++)
        {
            positions.Add(order[i], i);
        }

        GroupSpec[] groups = document.ParallelGroups.Select(group => new GroupSpec(
            group.Name.Value,
            positions[group.After!.Value.Value],
            group.Stages.Select(member => positions[member.Value]).ToEquatableArray(),
            positions[group.Before!.Value.Value],
            group.MaxConcurrency?.Value ?? WorkflowCostModel.DefaultMaxConcurrency)).ToArray();

        WorkflowWorstCase worst = WorkflowCostModel.Compute(document);
        var stages = new List<StageSpec>(order.Length);
        for (int i = 0; i < order.Length; i++)
        {
            StageWorstCase stageWorst = worst.Stages[i];
            stages.Add(ToSpec(input.Path, stagesByKey[order[i]], NextStages(i, order.Length, groups)) with
            {
                WorstCaseCalls = stageWorst.Calls,
                WorstCaseTokens = stageWorst.Tokens,
                WorstCaseTime = stageWorst.Time,
            });
        }

        return new WorkflowSpec(
            input.Path,
            Path.GetFileName(input.Path),
            input.Namespace,
            input.ClassName,
            input.EnumName,
            stages.ToEquatableArray(),
            groups.ToEquatableArray(),
            document.ReviewMappings.Select(pair => new ReviewPairSpec(positions[pair.WorkStage.Value], positions[pair.ReviewStage.Value])).ToEquatableArray(),
            versioning,
            ToSpec(document.Budget),
            new CostsSpec(worst.Calls, worst.Tokens, worst.CriticalPath, worst.CriticalPathStages));
    }

    /// <summary>The budget of a file without errors: every value is in range (TB0806 would have stopped it).</summary>
    private static BudgetSpec? ToSpec(BudgetDefinition? budget) =>
        budget is null
            ? null
            : new BudgetSpec(
                budget.Tokens?.Value,
                budget.Cost?.Value,
                budget.Time is { } time ? TimeoutValue.Parse(time.Value) : null,
                budget.IsStrict,
                budget.Prices.Select(price => new PriceSpec(price.Model.Value, price.Input?.Value ?? 0, price.Output?.Value ?? 0)).ToEquatableArray());

    /// <summary>A group's trigger fans out to every member; each member leads to the gate; any other stage to the next.</summary>
    private static EquatableArray<int> NextStages(int index, int count, GroupSpec[] groups)
    {
        foreach (GroupSpec group in groups)
        {
            if (group.After == index)
            {
                return group.Members;
            }

            if (group.Members.Contains(index))
            {
                return new[] { group.Before }.ToEquatableArray();
            }
        }

        return index + 1 < count ? new[] { index + 1 }.ToEquatableArray() : default;
    }

    private static StageSpec ToSpec(string workflowPath, StageDefinition stage, EquatableArray<int> next)
    {
        TimeSpan? timeout = stage.Timeout is { } text ? TimeoutValue.Parse(text.Value) : null;
        return new StageSpec
        {
            Key = stage.Key.Value,
            Identifier = IdentifierNames.ToPascalCase(stage.Key.Value),
            Name = string.IsNullOrWhiteSpace(stage.Name) ? stage.Key.Value : stage.Name!,
            Description = stage.Description ?? "",
            WorkAgent = stage.WorkAgent?.Value,
            ReviewAgent = stage.ReviewAgent?.Value,
            AllowedPersonas = Values(stage.AllowedPersonas),
            Artifacts = Values(stage.Artifacts),
            ExitCriteria = stage.ExitCriteria,
            IsOptional = stage.Optional,
            IsReviewStage = stage.IsReviewStage,
            IsAcceptanceTestStage = stage.IsAcceptanceTestStage,
            RequiresAcceptanceTestsPassed = stage.RequiresAcceptanceTestsPassed?.Value ?? false,
            IncludeObjective = stage.IncludeObjective,
            PromptTemplatePath = stage.PromptTemplate?.Value,
            PromptTemplateFullPath = stage.PromptTemplate is { } template ? PromptTemplateFiles.Resolve(workflowPath, template.Value) : null,
            ParallelAgents = Values(stage.ParallelAgents),
            Timeout = timeout is { } t ? (t.Days, t.Hours, t.Minutes, t.Seconds) : null,
            MaxIterations = stage.MaxIterations?.Value,
            MaxTokensPerCall = stage.MaxTokensPerCall?.Value,
            Permissions = stage.Permissions is { } permissions
                ? new PermissionsSpec(
                    permissions.Tools is { } tools ? Values(tools) : null,
                    Values(permissions.Write),
                    permissions.WriteByAgent.Select(entry => new AgentPathsSpec(entry.Agent.Value, Values(entry.Paths))).ToEquatableArray(),
                    Values(permissions.Commands))
                : null,
            Next = next,
        };
    }

    /// <summary>
    /// Fills in each stage's template text. The spec is <see langword="null"/> when a template is refused (each refusal
    /// is a TB0502 problem, with the template file to report it in) or missing from <paramref name="templates"/>.
    /// </summary>
    public static (WorkflowSpec? Spec, IReadOnlyList<(string FilePath, WorkflowProblem Problem)> Refused) WithTemplates(WorkflowSpec spec, IReadOnlyDictionary<string, TemplateFile> templates)
    {
        var stages = new List<StageSpec>(spec.Stages.Count);
        var refused = new List<(string FilePath, WorkflowProblem Problem)>();
        bool missing = false;
        foreach (StageSpec stage in spec.Stages)
        {
            if (stage.PromptTemplateFullPath is not { } path)
            {
                stages.Add(stage);
            }
            else if (!templates.TryGetValue(path, out TemplateFile? template))
            {
                missing = true;
            }
            else if (template.Refusal is { } refusal)
            {
                refused.Add((template.FilePath, PromptTemplateText.Problem(stage.PromptTemplatePath!, stage.Key, refusal)));
            }
            else
            {
                stages.Add(stage with { PromptTemplate = template.Text });
            }
        }

        return (missing || refused.Count > 0 ? null : spec with { Stages = stages.ToEquatableArray() }, refused);
    }

    private static EquatableArray<string> Values(EquatableArray<Located<string>> items) =>
        items.Select(item => item.Value).ToEquatableArray();
}
