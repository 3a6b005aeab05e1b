using System;
using System.Globalization;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using TeamBot.Workflow.Diagnostics;
using TeamBot.Workflow.Model;
using static TeamBot.Analyzers.DiagnosticDescriptors;
using static TeamBot.Analyzers.Tests.AnalyzerHarness;

namespace TeamBot.Analyzers.Tests;

/// <summary>
/// Names taken from the workflow file are shown with their control characters escaped, so that a name with a newline
/// cannot cut a diagnostic short or pass the rest off as another line of build output.
/// </summary>
public sealed class EscapedNameTests
{
    [Fact]
    public async Task TB0207_escapes_a_newline_in_the_agent_and_a_tab_in_the_group_name()
    {
        string yaml = Workflows.Valid
            .Replace("work_agent: builder-1", "work_agent: \"evil\\nagent\"", StringComparison.Ordinal)
            .Replace("work_agent: builder-2", "work_agent: \"evil\\nagent\"", StringComparison.Ordinal)
            .Replace("  post_spec_review:", "  \"post\\tspec\":", StringComparison.Ordinal);

        await VerifyAsync(
            yaml,
            At(AgentConflict, yaml, "TEST_STRATEGY", within: "[RESEARCH, TEST_STRATEGY]")
                .WithMessage("In parallel group 'post\\u0009spec', stages 'TEST_STRATEGY' and 'RESEARCH' both use agent 'evil\\nagent' and would run at the same time; give one of them another agent"));
    }

    [Fact]
    public async Task TB0401_escapes_a_newline_and_a_bell_in_the_artifact_path()
    {
        string quoted = "\"../notes\\n\\a.md\"";
        string yaml = Workflows.With("artifacts: [research.md]", $"artifacts: [{quoted}]");

        await VerifyAsync(
            yaml,
            At(UnsafePath, yaml, quoted)
                .WithMessage("Artifact of stage 'RESEARCH' '../notes\\n\\u0007.md' must be a relative path inside the project; absolute paths, drive letters and '..' are not allowed"));
    }

    [Fact]
    public async Task TB0401_escapes_a_control_character_in_the_stage_key_inside_its_argument()
    {
        string yaml = Workflows.Valid
            .Replace("  RESEARCH:", "  \"RE\\rSEARCH\":", StringComparison.Ordinal)
            .Replace("SPEC_REVIEW, RESEARCH, TEST", "SPEC_REVIEW, \"RE\\rSEARCH\", TEST", StringComparison.Ordinal)
            .Replace("[RESEARCH, TEST_STRATEGY]", "[\"RE\\rSEARCH\", TEST_STRATEGY]", StringComparison.Ordinal)
            .Replace("artifacts: [research.md]", "artifacts: [/etc/passwd]", StringComparison.Ordinal);

        await VerifyAsync(
            yaml,
            At(UnsafePath, yaml, "/etc/passwd")
                .WithMessage("Artifact of stage 'RE\\u000DSEARCH' '/etc/passwd' must be a relative path inside the project; absolute paths, drive letters and '..' are not allowed"));
    }

    [Fact]
    public async Task TB0013_escapes_a_newline_in_a_misspelt_field_name()
    {
        string yaml = Workflows.With("  PLAN:\n    work_agent: pm", "  PLAN:\n    work_agent: pm\n    \"exit\\ncriteria\": [done]");

        await VerifyAsync(
            yaml,
            At(MisspeltField, yaml, "\"exit\\ncriteria\"")
                .WithMessage("Unknown field 'exit\\ncriteria' in stage 'PLAN'; did you mean 'exit_criteria'? A misspelt field would be ignored, so correct it"));
    }

    [Fact]
    public async Task TB0201_escapes_line_and_paragraph_separators_and_bidi_overrides_in_a_group_name()
    {
        string yaml = Workflows.With("stages: [RESEARCH, TEST_STRATEGY]", "stages: []")
            .Replace("  post_spec_review:", "  \"a\\Lb\\Pc\u202Ed\":", StringComparison.Ordinal);

        await VerifyAsync(
            yaml,
            At(EmptyGroup, yaml, "\"a\\Lb\\Pc\u202Ed\"")
                .WithMessage("Parallel group 'a\\u2028b\\u2029c\\u202Ed' has no stages; list the stages that run concurrently, or remove the group"));
    }

    /// <summary>Every rule, every argument: whatever a rule embeds, its message stays on one line with no control character.</summary>
    [Fact]
    public void No_rule_shows_a_control_character_of_its_arguments()
    {
        string hostile = "a\nb\rc\td\0e\u0085f\u2028g\u2029h\u001Bi\u007Fj\u202Ek";
        foreach (WorkflowRule rule in WorkflowRules.All)
        {
            var problem = new WorkflowProblem(rule.Id, SourceSpan.FileStart, Enumerable.Repeat(hostile, 4).ToEquatableArray());
            string message = WorkflowDiagnostics.Create(problem, WorkflowPath, textLength: 0).GetMessage(CultureInfo.InvariantCulture);

            Assert.DoesNotContain(message, c => char.IsControl(c) || c is '\u2028' or '\u2029' or '\u202E');
            if (rule.MessageFormat.Contains("{0}", StringComparison.Ordinal))
            {
                Assert.Contains("a\\nb\\u000Dc\\u0009d\\u0000e\\u0085f\\u2028g\\u2029h\\u001Bi\\u007Fj\\u202Ek", message, StringComparison.Ordinal);
            }
        }
    }
}
