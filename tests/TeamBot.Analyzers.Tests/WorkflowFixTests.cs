using System;
using System.Linq;
using TeamBot.Workflow;
using TeamBot.Workflow.Diagnostics;
using TeamBot.Workflow.Fixes;
using TeamBot.Workflow.Model;
using Xunit;

namespace TeamBot.Analyzers.Tests;

/// <summary>
/// The fixes behind the language server's code actions and the Roslyn code fixes: each one, applied, removes its problem
/// and leaves the file as a person would have written it (block or flow lists, indentation, quotes, line endings).
/// </summary>
public sealed class WorkflowFixTests
{
    [Theory]
    [InlineData("stages: [RESEARCH, TEST_STRATEGY]", "stages: [RESEARCH, TEST_STRATEGYY]", "Change to 'TEST_STRATEGY'")]
    [InlineData("    work_agent: ba\n  SPEC_REVIEW:", "    wrok_agent: ba\n  SPEC_REVIEW:", "Change to 'work_agent'")]
    [InlineData("parallel_groups:", "parallel_group:", "Change to 'parallel_groups'")]
    [InlineData("  SPEC: SPEC_REVIEW", "  SPEC: SPEC_REVEIW", "Change to 'SPEC_REVIEW'")]
    [InlineData("stages: [RESEARCH, TEST_STRATEGY]", "stages: [RESEARCH, \"TEST_STRATEGYY\"]", "Change to 'TEST_STRATEGY'")]
    public void A_did_you_mean_fix_restores_the_valid_file(string find, string broken, string title)
    {
        AssertFixRestores(Workflows.With(find, broken), title, expected: Workflows.Valid.Replace(find, broken.Contains('"', StringComparison.Ordinal) ? "stages: [RESEARCH, \"TEST_STRATEGY\"]" : find, StringComparison.Ordinal));
    }

    [Fact]
    public void A_stage_missing_from_a_flow_stage_order_goes_after_the_stage_declared_before_it()
    {
        string broken = Workflows.With("SPEC_REVIEW, RESEARCH,", "SPEC_REVIEW,");
        AssertFixRestores(broken, "Add 'RESEARCH' to stage_order", Workflows.Valid);
    }

    [Fact]
    public void A_stage_missing_from_a_block_stage_order_gets_a_line_of_its_own_with_the_same_indent()
    {
        string block = Workflows.With(
            "stage_order: [SETUP, SPEC, SPEC_REVIEW, RESEARCH, TEST_STRATEGY, PLAN, COMPLETE]",
            "stage_order:\n  - SETUP\n  - SPEC\n  - SPEC_REVIEW\n  - RESEARCH\n  - TEST_STRATEGY\n  - PLAN\n  - COMPLETE");
        string broken = block.Replace("  - SPEC\n", "", StringComparison.Ordinal);
        AssertFixRestores(broken, "Add 'SPEC' to stage_order", block);
    }

    [Fact]
    public void A_first_stage_missing_from_stage_order_goes_before_the_first_entry()
    {
        AssertFixRestores(Workflows.With("[SETUP, SPEC,", "[SPEC,"), "Add 'SETUP' to stage_order", Workflows.Valid);
    }

    [Theory]
    [InlineData("SPEC_REVIEW, RESEARCH,", "SPEC_REVIEW, SPEC_REVIEW, RESEARCH,")]
    [InlineData("[SETUP, SPEC,", "[SETUP, SPEC, SETUP,")]
    [InlineData("[RESEARCH, TEST_STRATEGY]", "[RESEARCH, TEST_STRATEGY, RESEARCH]")]
    public void A_duplicate_list_item_is_removed_with_one_comma(string find, string broken)
    {
        AssertFixRestores(Workflows.With(find, broken), null, Workflows.Valid);
    }

    [Fact]
    public void A_duplicate_item_of_a_block_list_loses_its_line()
    {
        string block = Workflows.With("    stages: [RESEARCH, TEST_STRATEGY]", "    stages:\n      - RESEARCH\n      - TEST_STRATEGY");
        string broken = block.Replace("      - TEST_STRATEGY\n", "      - TEST_STRATEGY\n      - RESEARCH\n", StringComparison.Ordinal);
        AssertFixRestores(broken, "Remove the duplicate 'RESEARCH'", block);
    }

    [Theory]
    [InlineData("    after: SPEC_REVIEW\n", "Add 'after: SPEC_REVIEW'")]
    [InlineData("    before: PLAN\n", "Add 'before: PLAN'")]
    public void A_missing_group_field_is_added_with_the_neighbour_stage_order_gives(string line, string title)
    {
        string broken = Workflows.With(line, "");
        string fixedText = Fix(broken, title);
        Assert.Empty(Errors(fixedText));
        Assert.Contains("  post_spec_review:\n" + line, fixedText, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_work_agent_is_added_with_the_agent_most_stages_name()
    {
        string broken = Workflows.With("  PLAN:\n    work_agent: pm", "  PLAN:\n    artifacts: [plan.md]");
        string fixedText = Fix(broken, "Add 'work_agent: ba'");
        Assert.Contains("  PLAN:\n    work_agent: ba\n    artifacts: [plan.md]", fixedText, StringComparison.Ordinal);
        Assert.Empty(Errors(fixedText));
    }

    [Fact]
    public void A_stage_written_inline_gets_no_field_fix_rather_than_a_broken_one()
    {
        string broken = Workflows.With("  PLAN:\n    work_agent: pm", "  PLAN: {artifacts: [plan.md]}");
        WorkflowAnalysis analysis = WorkflowAnalysis.Analyze(broken);
        WorkflowProblem problem = Assert.Single(analysis.Problems, p => p.Id == RuleIds.MissingWorkAgent);
        Assert.NotNull(problem.Fix);
        Assert.Null(WorkflowFixes.For(broken, analysis.Document, problem));
    }

    [Fact]
    public void A_name_that_needs_quotes_is_written_quoted()
    {
        Assert.Equal("\"a: b\"", YamlText.Scalar("a: b"));
        Assert.Equal("\"yes\"", YamlText.Scalar("yes"));
        Assert.Equal("'it''s'", YamlText.Quote("it's", '\''));
        Assert.Equal("TEST_STRATEGY", YamlText.Scalar("TEST_STRATEGY"));
    }

    [Fact]
    public void A_problem_without_a_near_name_has_no_fix()
    {
        string broken = Workflows.With("stages: [RESEARCH, TEST_STRATEGY]", "stages: [RESEARCH, ZZZZZZZZZZZZ]");
        WorkflowProblem problem = Assert.Single(WorkflowAnalysis.Analyze(broken).Problems, p => p.Id == RuleIds.UnknownStage);
        Assert.Null(problem.Fix);
    }

    [Fact]
    public void A_fix_after_an_anchor_or_a_tag_replaces_the_value_only()
    {
        string anchored = Workflows.With("stages: [RESEARCH, TEST_STRATEGY]", "stages: [&r RESEARCH, !!str TEST_STRATEGYY]");
        string fixedText = Fix(anchored, "Change to 'TEST_STRATEGY'");
        Assert.Contains("stages: [&r RESEARCH, !!str TEST_STRATEGY]", fixedText, StringComparison.Ordinal);
        Assert.Empty(Errors(fixedText));
    }

    [Fact]
    public void Renaming_a_stage_written_through_an_anchor_and_an_alias_edits_each_written_name_once()
    {
        string text = Workflows.With("stage_order: [SETUP, SPEC, SPEC_REVIEW, RESEARCH,", "stage_order: [SETUP, SPEC, SPEC_REVIEW, &r RESEARCH,")
            .Replace("stages: [RESEARCH, TEST_STRATEGY]", "stages: [*r, TEST_STRATEGY]", StringComparison.Ordinal);
        WorkflowAnalysis analysis = WorkflowAnalysis.Analyze(text);
        Assert.Empty(Errors(text));

        var edits = TeamBot.Workflow.Navigation.StageReferences.Rename(text, analysis.Document!, "RESEARCH", "STUDY");
        Assert.Equal(edits.Count, edits.Select(edit => edit.Start).Distinct().Count());
        string renamed = WorkflowFixes.Apply(text, new WorkflowFix("rename", edits.ToEquatableArray()));
        Assert.Contains("&r STUDY,", renamed, StringComparison.Ordinal);
        Assert.Contains("stages: [*r, TEST_STRATEGY]", renamed, StringComparison.Ordinal);
        Assert.Empty(Errors(renamed));
    }

    [Theory]
    [InlineData("\r")]
    [InlineData("\r\n")]
    public void Added_lines_end_as_the_file_s_lines_do(string lineBreak)
    {
        string block = Workflows.With(
            "stage_order: [SETUP, SPEC, SPEC_REVIEW, RESEARCH, TEST_STRATEGY, PLAN, COMPLETE]",
            "stage_order:\n  - SETUP\n  - SPEC\n  - SPEC_REVIEW\n  - RESEARCH\n  - TEST_STRATEGY\n  - PLAN\n  - COMPLETE");
        string expected = block.Replace("\n", lineBreak, StringComparison.Ordinal);
        string broken = expected.Replace("  - SPEC" + lineBreak, "", StringComparison.Ordinal);
        AssertFixRestores(broken, "Add 'SPEC' to stage_order", expected);

        string noAgent = expected.Replace("  PLAN:" + lineBreak + "    work_agent: pm", "  PLAN:" + lineBreak + "    artifacts: [plan.md]", StringComparison.Ordinal);
        Assert.Contains("  PLAN:" + lineBreak + "    work_agent: ba" + lineBreak + "    artifacts: [plan.md]", Fix(noAgent, "Add 'work_agent: ba'"), StringComparison.Ordinal);
    }

    [Fact]
    public void Quoted_names_keep_their_quotes_and_a_quoted_duplicate_loses_its_line()
    {
        string single = Workflows.With("stages: [RESEARCH, TEST_STRATEGY]", "stages: [RESEARCH, 'TEST_STRATEGYY']");
        Assert.Contains("stages: [RESEARCH, 'TEST_STRATEGY']", Fix(single, "Change to 'TEST_STRATEGY'"), StringComparison.Ordinal);

        string block = Workflows.With("    stages: [RESEARCH, TEST_STRATEGY]", "    stages:\n      - RESEARCH\n      - TEST_STRATEGY");
        string broken = block.Replace("      - TEST_STRATEGY\n", "      - TEST_STRATEGY\n      - \"RESEARCH\"\n", StringComparison.Ordinal);
        AssertFixRestores(broken, "Remove the duplicate 'RESEARCH'", block);
    }

    [Fact]
    public void A_near_field_the_stage_already_has_is_not_suggested_so_no_fix_writes_a_duplicate_key()
    {
        string text = Workflows.With("  PLAN:\n    work_agent: pm", "  PLAN:\n    work_agent: pm\n    wrok_agent: ba");
        WorkflowProblem problem = Assert.Single(WorkflowAnalysis.Analyze(text).Problems);
        Assert.Equal(RuleIds.UnknownField, problem.Id);
        Assert.Null(problem.Fix);
    }

    private static void AssertFixRestores(string broken, string? title, string expected)
    {
        Assert.NotEmpty(Errors(broken));
        Assert.Equal(expected, Fix(broken, title));
        Assert.Empty(Errors(expected));
    }

    /// <summary>Applies the one fix of the file's problems (the one titled <paramref name="title"/> when given).</summary>
    private static string Fix(string text, string? title)
    {
        WorkflowAnalysis analysis = WorkflowAnalysis.Analyze(text);
        WorkflowFix[] fixes = analysis.Problems
            .Select(problem => WorkflowFixes.For(text, analysis.Document, problem))
            .OfType<WorkflowFix>()
            .Where(fix => title is null || fix.Title == title)
            .ToArray();
        WorkflowFix fix = Assert.Single(fixes);
        return WorkflowFixes.Apply(text, fix);
    }

    private static string[] Errors(string text) =>
        WorkflowAnalysis.Analyze(text).Problems.Where(problem => WorkflowRules.IsError(problem.Id)).Select(problem => $"{problem.Id} {problem.Span}").ToArray();
}
