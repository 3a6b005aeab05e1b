using System.Threading.Tasks;
using static TeamBot.Analyzers.DiagnosticDescriptors;
using static TeamBot.Analyzers.Tests.AnalyzerHarness;

namespace TeamBot.Analyzers.Tests;

/// <summary>TB00xx: the YAML itself and the shape of every value.</summary>
public sealed class YamlRuleTests
{
    [Fact]
    public async Task TB0001_unclosed_flow_sequence()
    {
        string yaml = Workflows.With("PLAN, COMPLETE]", "PLAN, COMPLETE");
        await VerifyAsync(yaml, At(YamlSyntax, yaml, "[", within: "[SETUP, SPEC,").WithArguments("This '[' or '{' is never closed; close it before the next key."));
    }

    [Fact]
    public async Task TB0001_tab_used_for_indentation()
    {
        string yaml = Workflows.With("  PLAN:\n    work_agent: pm", "  PLAN:\n\twork_agent: pm");
        await VerifyAsync(yaml, At(YamlSyntax, yaml, "\t").WithArguments("While scanning a mapping, found invalid tab as indentation."));
    }

    [Fact]
    public async Task TB0001_bad_indentation()
    {
        string yaml = Workflows.With("  PLAN:\n    work_agent: pm", "  PLAN:\n    work_agent: pm\n   oops: 1");
        await VerifyAsync(yaml, At(YamlSyntax, 18, 4, 18, 4).WithArguments("While parsing a block mapping, did not find expected key."));
    }

    [Fact]
    public async Task TB0002_duplicate_key_is_reported_at_the_second_key()
    {
        string yaml = Workflows.With("  SPEC: SPEC_REVIEW", "  SPEC: SPEC_REVIEW\n  SPEC: PLAN_REVIEW");
        await VerifyAsync(yaml, At(DuplicateKey, yaml, "SPEC", within: "SPEC: PLAN_REVIEW").WithArguments("SPEC", "26"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("# nothing but a comment\n")]
    [InlineData("~\n")]
    public async Task TB0003_empty_file(string yaml) => await VerifyAsync(yaml, At(EmptyFile, 1, 1, 1, 1));

    [Fact]
    public async Task TB0004_a_number_where_a_mapping_is_needed()
    {
        string yaml = "stages: 3\nstage_order: [A]\n";
        await VerifyAsync(yaml, At(WrongShape, yaml, "3").WithArguments("'stages'", "a mapping", "a scalar"), At(UnknownStage, yaml, "A").WithArguments("stage_order", "A", " Declare it under 'stages' or correct the name."));
    }

    [Fact]
    public async Task TB0004_a_scalar_where_a_list_is_needed()
    {
        string yaml = Workflows.With("artifacts: [research.md]", "artifacts: research.md");
        await VerifyAsync(yaml, At(WrongShape, yaml, "research.md").WithArguments("'artifacts' of stage 'RESEARCH'", "a list", "a scalar"));
    }

    [Fact]
    public async Task TB0004_the_file_is_a_list_not_a_mapping()
    {
        string yaml = "- SETUP\n- SPEC\n";
        await VerifyAsync(yaml, At(WrongShape, 1, 1, 2, 7).WithArguments("The workflow file", "a mapping with 'stages' and 'stage_order'", "a list"));
    }

    [Theory]
    [InlineData("maybe")]
    [InlineData("yes")]
    [InlineData("\"true\"")]
    public async Task TB0005_a_bool_that_is_not_a_bool(string value)
    {
        string yaml = Workflows.With("    is_review_stage: true", $"    is_review_stage: {value}");
        await VerifyAsync(yaml, At(InvalidBoolean, yaml, value, within: "is_review_stage: " + value).WithArguments("'is_review_stage' of stage 'SPEC_REVIEW'", $"'{value.Trim('"')}'"), At(MappedStageNotReview, yaml, "SPEC_REVIEW", within: "SPEC: SPEC_REVIEW").WithArguments("SPEC_REVIEW", "SPEC"));
    }

    [Theory]
    [InlineData("two")]
    [InlineData("99999999999")]
    [InlineData("1.5")]
    public async Task TB0006_a_number_that_is_not_a_whole_number_in_range(string value)
    {
        string yaml = Workflows.With("    before: PLAN\n", $"    before: PLAN\n    max_concurrency: {value}\n");
        await VerifyAsync(yaml, At(InvalidInteger, yaml, value, within: "max_concurrency: " + value).WithArguments("'max_concurrency' of parallel group 'post_spec_review'", "-2147483648", "2147483647", $"'{value}'"));
    }

    [Fact]
    public async Task TB0007_alias_expansion_that_would_explode_is_refused()
    {
        string yaml = "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
            + "b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
            + "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\n"
            + "d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\n"
            + "e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]\n"
            + "f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e, *e]\n"
            + "g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f, *f]\n";
        await VerifyAsync(yaml, At(AliasExpansion, yaml, "*e", within: "*e]").WithArguments("1000000"));
    }

    [Fact]
    public async Task TB0008_a_field_far_from_every_known_one_is_a_warning()
    {
        string yaml = Workflows.With("  PLAN:\n    work_agent: pm", "  PLAN:\n    work_agent: pm\n    colour: blue");
        await VerifyAsync(yaml, At(UnknownField, yaml, "colour").WithMessage("Unknown field 'colour' in stage 'PLAN' is ignored"));
    }

    [Fact]
    public async Task TB0013_a_misspelt_field_is_an_error_naming_the_field_meant()
    {
        string yaml = Workflows.With("  PLAN:\n    work_agent: pm", "  PLAN:\n    work_agent: pm\n    exit_critera: [done]");
        await VerifyAsync(yaml, At(MisspeltField, yaml, "exit_critera").WithMessage("Unknown field 'exit_critera' in stage 'PLAN'; did you mean 'exit_criteria'? A misspelt field would be ignored, so correct it"));
    }

    [Fact]
    public async Task TB0013_a_misspelt_group_field_is_an_error()
    {
        string yaml = Workflows.With("    before: PLAN", "    before: PLAN\n    max_concurency: 2");
        await VerifyAsync(yaml, At(MisspeltField, yaml, "max_concurency").WithArguments("max_concurency", "parallel group 'post_spec_review'", "max_concurrency"));
    }

    [Fact]
    public async Task TB0014_an_unknown_section_is_an_error_with_the_section_meant()
    {
        string yaml = Workflows.With("parallel_groups:", "parallel_group:");
        await VerifyAsync(yaml, At(UnknownSection, yaml, "parallel_group").WithArguments("parallel_group", " Did you mean 'parallel_groups'?"));
    }

    [Fact]
    public async Task TB0014_an_unknown_section_far_from_every_known_one_is_an_error_too()
    {
        string yaml = Workflows.Valid + "metadata:\n  owner: me\n";
        await VerifyAsync(yaml, At(UnknownSection, yaml, "metadata").WithMessage("Unknown section 'metadata'; the sections are stages, stage_order, parallel_groups and work_to_review_mapping."));
    }

    [Fact]
    public async Task TB0010_nesting_deeper_than_the_limit()
    {
        string yaml = "stages: " + new string('[', 70) + new string(']', 70) + "\n";
        await VerifyAsync(yaml, At(NestingTooDeep, 1, 73, 1, 73).WithArguments("64"));
    }

    [Fact]
    public async Task TB0011_missing_stage_order()
    {
        string yaml = "stages:\n  ONLY: {}\n";
        await VerifyAsync(yaml, At(MissingSection, yaml, "stages").WithArguments("stage_order"), At(StageNotInOrder, yaml, "ONLY").WithArguments("ONLY"));
    }

    [Fact]
    public async Task TB0012_bytes_that_are_not_valid_UTF8()
    {
        string yaml = Workflows.With("  PLAN:\n    work_agent: pm", "  PLAN:\n    work_agent: p\uFFFDm");
        await VerifyAsync(yaml, At(InvalidCharacters, yaml, "\uFFFD"));
    }
}
