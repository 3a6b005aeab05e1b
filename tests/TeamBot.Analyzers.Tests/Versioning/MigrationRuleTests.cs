using System.Linq;
using TeamBot.Workflow;
using TeamBot.Workflow.Diagnostics;
using TeamBot.Workflow.Model;

namespace TeamBot.Analyzers.Tests.Versioning;

/// <summary>TB0604 and TB0605: the <c>migrations</c> section checked like every other section.</summary>
public sealed class MigrationRuleTests
{
    private static WorkflowProblem[] Problems(string yaml) => WorkflowAnalysis.Analyze(yaml).Problems.ToArray();

    [Fact]
    public void A_misspelt_rename_target_is_TB0604_with_the_near_stage_as_its_fix()
    {
        string yaml = Workflows.Valid + "migrations:\n  renamed:\n    OLD_SPEC: SPECC\n";
        WorkflowProblem problem = Assert.Single(Problems(yaml));
        Assert.Equal(RuleIds.MigrationUnknownStage, problem.Id);
        Gate.At(problem, yaml, "SPECC");
        Assert.Equal("The new key of 'OLD_SPEC' 'SPECC' is not a stage of this workflow. Did you mean 'SPEC'?", WorkflowRules.Message(problem));
        Assert.Equal(new ProblemFix(FixKind.Replace, "SPEC"), problem.Fix);
    }

    [Fact]
    public void Unknown_resume_and_reset_stages_are_TB0604()
    {
        string yaml = Workflows.Valid + "migrations:\n  removed:\n    OLD: NOWHERE_AT_ALL\n  reset_iterations: [SPEC_REVEIW]\n";
        WorkflowProblem[] problems = Problems(yaml);
        Assert.Equal(2, problems.Length);
        Assert.All(problems, problem => Assert.Equal(RuleIds.MigrationUnknownStage, problem.Id));
        Gate.At(problems[0], yaml, "NOWHERE_AT_ALL");
        Gate.At(problems[1], yaml, "SPEC_REVEIW");
        Assert.EndsWith("Did you mean 'SPEC_REVIEW'?", WorkflowRules.Message(problems[1]), System.StringComparison.Ordinal);
    }

    [Fact]
    public void A_rename_may_point_at_a_key_a_later_entry_moves_on()
    {
        string yaml = Workflows.Valid + "migrations:\n  renamed:\n    A: B\n    B: SPEC\n    C: D\n  removed:\n    D: PLAN\n";
        Assert.Empty(Problems(yaml));
    }

    [Fact]
    public void Moving_a_stage_the_file_still_has_is_TB0605()
    {
        string yaml = Workflows.Valid + "migrations:\n  renamed:\n    PLAN: SPEC\n  removed:\n    SETUP: SPEC\n";
        WorkflowProblem[] problems = Problems(yaml);
        Assert.Equal([RuleIds.MigratedStageStillExists, RuleIds.MigratedStageStillExists], problems.Select(problem => problem.Id));
        Gate.At(problems[0], yaml, "PLAN", occurrence: 4);
        Assert.Equal("'PLAN' is listed under 'migrations.renamed' but is still a stage of this workflow; remove the entry, or the stage", WorkflowRules.Message(problems[0]));
        Assert.Contains("'migrations.removed'", WorkflowRules.Message(problems[1]), System.StringComparison.Ordinal);
    }

    [Fact]
    public void A_misspelt_migrations_field_is_TB0013_and_a_list_where_a_mapping_belongs_is_TB0004()
    {
        string yaml = Workflows.Valid + "migrations:\n  renamd:\n    A: SPEC\n  removed: [A]\n";
        WorkflowProblem[] problems = Problems(yaml);
        Assert.Equal([RuleIds.MisspeltField, RuleIds.WrongShape], problems.Select(problem => problem.Id));
        Assert.Equal(new ProblemFix(FixKind.Replace, "renamed"), problems[0].Fix);
    }
}
