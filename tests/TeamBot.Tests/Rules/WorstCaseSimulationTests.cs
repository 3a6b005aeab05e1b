using System;
using System.Collections.Generic;
using System.Linq;
using TeamBot.Definitions;
using TeamBot.Rules;
using Xunit.Abstractions;

namespace TeamBot.Tests.Rules;

/// <summary>
/// The build-time worst case the generator writes into each descriptor and into <c>Costs</c> (docs/budgets.md), checked
/// against every outcome path of the execution rules: no path makes more calls or takes longer, and the paths that
/// reject every review or fail every acceptance run make exactly as many.
/// </summary>
public sealed class WorstCaseSimulationTests(ITestOutputHelper output)
{
    [Fact]
    public void The_repo_workflow_worst_case_is_the_most_any_path_of_the_rules_makes()
    {
        Check(Workflow.Definition, "stages.yaml");

        Assert.Equal(48, Workflow.Definition.Costs.WorstCaseCalls);
        Assert.Equal(new TimeSpan(2, 2, 45, 0), Workflow.Definition.Costs.CriticalPath);
    }

    [Fact]
    public void Hand_written_shapes_match_too_a_serial_group_an_uneven_group_one_acceptance_run_and_default_review_iterations()
    {
        Check(Bounds.Definition, "bounds.stages.yaml");

        Assert.Equal(21, Bounds.Definition.Costs.WorstCaseCalls);
        Assert.Equal(21_000, Bounds.Definition.Costs.WorstCaseTokens);
        Assert.Equal(TimeSpan.FromMinutes(400), Bounds.Definition.Costs.CriticalPath);
        Assert.Equal(["KICKOFF", "ONE_A", "ONE_B", "ONE_C", "MIDDLE", "TWO_B", "TWO_C", "BUILD", "CHECK", "ACCEPT"], Bounds.Definition.Costs.CriticalPathStages.AsEnumerable());
        Assert.Equal(8, Bounds.Definition.GetStage(BoundsStage.Check).WorstCaseCalls);
        Assert.Equal(1, Bounds.Definition.GetStage(BoundsStage.Accept).WorstCaseCalls);
        Assert.Equal(2, Bounds.Definition.GetStage(BoundsStage.OneB).WorstCaseCalls);
    }

    [Fact]
    public void Edge_shapes_match_too_an_optional_stage_a_review_with_parallel_agents_and_an_acceptance_member()
    {
        Check(Edges.Definition, "edges.stages.yaml");

        // DRAFT 1, REVISE 2 x 2, SMOKE 1 (a member), NOTES 1, VERIFY 2 x 2 - 1, SHIP 1.
        Assert.Equal([1, 4, 1, 1, 3, 1, 0], Edges.Definition.Stages.Select(stage => stage.WorstCaseCalls));
        Assert.Equal(11, Edges.Definition.Costs.WorstCaseCalls);

        // 7 + 4 x 11 + max(13, 17) + 3 x 19 + 23 minutes.
        Assert.Equal(TimeSpan.FromMinutes(148), Edges.Definition.Costs.CriticalPath);
    }

    private void Check<TStage>(IWorkflowDefinition<TStage> workflow, string name)
        where TStage : struct, Enum
    {
        List<WorstCaseExplorer<TStage>.PathEnd> paths = new WorstCaseExplorer<TStage>(workflow).Explore().Paths;
        output.WriteLine($"{name}: {paths.Count} outcome paths explored, {paths.Count(path => path.Status == RunStatus.Complete)} complete; most calls {paths.Max(path => path.Total)}, longest {paths.Max(path => path.Clock)}.");

        // The run: no path makes more calls or takes longer than the computed worst case, and one makes and takes exactly that.
        Assert.Equal(workflow.Costs.WorstCaseCalls, paths.Max(path => path.Total));
        Assert.Equal(workflow.Costs.CriticalPath, paths.Max(path => path.Clock));

        for (int i = 0; i < workflow.StageOrder.Length; i++)
        {
            StageDescriptor<TStage> stage = workflow.GetStage(workflow.StageOrder[i]);
            Assert.True(stage.WorstCaseCalls == paths.Max(path => path.Calls[i]), $"{stage.Key}: computed {stage.WorstCaseCalls}, simulated at most {paths.Max(path => path.Calls[i])}.");
            Assert.Equal(stage.WorstCaseTokens, stage.MaxTokensPerCall is { } limit ? (long)stage.WorstCaseCalls * limit : stage.WorstCaseCalls == 0 ? 0 : null);

            // Always rejecting, always failing: the loop runs out at exactly the stage's worst case. (A group member has
            // no loop: it only ever gets its work command.)
            RunStatus? exhausted = workflow.GetGroupOf(stage.Stage) is not null ? null
                : stage.IsReviewStage ? RunStatus.ReviewFailed : stage.IsAcceptanceTestStage ? RunStatus.AcceptanceTestFailed : null;
            if (exhausted is { } status)
            {
                int[] counts = paths.Where(path => path.Status == status && !path.StageFailed && Equals(path.Stage, stage.Stage)).Select(path => path.Calls[i]).Distinct().ToArray();
                Assert.Equal([stage.WorstCaseCalls], counts);
            }
        }
    }
}
