using System.Collections.Generic;
using TeamBot.AcceptanceTests;
using TeamBot.Agents;
using TeamBot.Tests.Fakes;

namespace TeamBot.Tests.Agents;

public sealed class PromptBuilderTests
{
    private static readonly StageContext Context = new()
    {
        Stage = "SPEC_REVIEW",
        StageName = "Spec Review",
        Description = "Review the specification.",
        PromptTemplate = "# Review template\nCheck testability.",
        Objective = TestRun.Objective,
        WorkingDirectory = "/work",
        ArtifactsDirectory = "/work/.teambot/add-export/artifacts",
        RequiredArtifacts = ["spec_review.md"],
        ExitCriteria = ["The reviewer approved the specification"],
        PriorOutputs = [new KeyValuePair<string, string>("SPEC", new string('x', 3000))],
        WorkToReview = "# Spec v2",
        ReviewFeedback = "Add error cases.",
        Iteration = 2,
    };

    [Fact]
    public void A_review_prompt_holds_the_stage_template_objective_workspace_criteria_work_and_feedback()
    {
        string prompt = PromptBuilder.Build(new AgentRequest("reviewer", AgentTask.Review, Context));

        Assert.StartsWith("# Stage: Spec Review (SPEC_REVIEW)\n\nYou are reviewer.", prompt, System.StringComparison.Ordinal);
        Assert.Contains("VERIFIED_APPROVED:", prompt, System.StringComparison.Ordinal);
        Assert.Contains("# Review template\nCheck testability.", prompt, System.StringComparison.Ordinal);
        Assert.Contains("## Objective: Add export", prompt, System.StringComparison.Ordinal);
        Assert.Contains("- A report exports to CSV", prompt, System.StringComparison.Ordinal);
        Assert.Contains("- Artifacts directory: /work/.teambot/add-export/artifacts", prompt, System.StringComparison.Ordinal);
        Assert.Contains("- spec_review.md", prompt, System.StringComparison.Ordinal);
        Assert.Contains("- The reviewer approved the specification", prompt, System.StringComparison.Ordinal);
        Assert.Contains("## Work to review (iteration 2)\n\n# Spec v2", prompt, System.StringComparison.Ordinal);
        Assert.Contains("## Reviewer's feedback on the previous attempt\n\nAdd error cases.", prompt, System.StringComparison.Ordinal);
        Assert.Contains("[... cut; see the artifacts]", prompt, System.StringComparison.Ordinal);
        Assert.DoesNotContain(new string('x', 2001), prompt, System.StringComparison.Ordinal);
    }

    [Fact]
    public void An_acceptance_prompt_lists_every_scenario_and_a_stage_without_objective_omits_it()
    {
        StageContext context = Context with
        {
            Objective = null,
            WorkToReview = null,
            ReviewFeedback = null,
            Scenarios = [new AcceptanceScenario("AT-001", "Export", "d", "p", "s", "e", "v")],
        };

        string prompt = PromptBuilder.Build(new AgentRequest("builder-1", AgentTask.RunAcceptanceTests, context));

        Assert.Contains("### AT-001: Export\n- Description: d\n- Preconditions: p\n- Steps: s\n- Expected result: e\n- Verification: v", prompt, System.StringComparison.Ordinal);
        Assert.DoesNotContain("## Objective", prompt, System.StringComparison.Ordinal);
        Assert.DoesNotContain("## Work to review", prompt, System.StringComparison.Ordinal);
    }
}
