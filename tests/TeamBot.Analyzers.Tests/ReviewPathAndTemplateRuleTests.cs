using System.Threading.Tasks;
using static TeamBot.Analyzers.DiagnosticDescriptors;
using static TeamBot.Analyzers.Tests.AnalyzerHarness;

namespace TeamBot.Analyzers.Tests;

/// <summary>TB03xx review mapping, TB04xx safety, TB05xx prompt templates.</summary>
public sealed class ReviewPathAndTemplateRuleTests
{
    [Fact]
    public async Task TB0102_unknown_stage_in_the_review_mapping()
    {
        string yaml = Workflows.With("  SPEC: SPEC_REVIEW", "  SPECS: SPEC_REVIEW");
        await VerifyAsync(yaml, At(UnknownStage, yaml, "SPECS").WithArguments("work_to_review_mapping", "SPECS", " Did you mean 'SPEC'?"));
    }

    [Fact]
    public async Task TB0301_mapped_review_stage_is_not_a_review_stage()
    {
        string yaml = Workflows.With("  SPEC: SPEC_REVIEW", "  SPEC: PLAN");
        await VerifyAsync(yaml, At(MappedStageNotReview, yaml, "PLAN", within: "SPEC: PLAN").WithArguments("PLAN", "SPEC"));
    }

    [Fact]
    public async Task TB0302_review_stage_before_its_work_stage()
    {
        string yaml = Workflows.With("  SPEC: SPEC_REVIEW", "  PLAN: SPEC_REVIEW");
        await VerifyAsync(yaml, At(ReviewBeforeWork, yaml, "SPEC_REVIEW", within: "PLAN: SPEC_REVIEW").WithArguments("SPEC_REVIEW", "PLAN"));
    }

    [Theory]
    [InlineData("../outside.md")]
    [InlineData("notes/../../outside.md")]
    [InlineData("/etc/passwd")]
    [InlineData("C:/Windows/win.ini")]
    [InlineData("\\\\server\\share\\x.md")]
    public async Task TB0401_artifact_path_that_leaves_the_project(string path)
    {
        string quoted = "'" + path + "'";
        string yaml = Workflows.With("artifacts: [research.md]", $"artifacts: [{quoted}]");
        await VerifyAsync(yaml, At(UnsafePath, yaml, quoted).WithArguments("Artifact of stage 'RESEARCH'", path));
    }

    [Fact]
    public async Task TB0401_prompt_template_path_that_leaves_the_project()
    {
        string yaml = Workflows.With("  PLAN:\n    work_agent: pm", "  PLAN:\n    work_agent: pm\n    prompt_template: ../../secrets.txt");
        await VerifyAsync(yaml, At(UnsafePath, yaml, "../../secrets.txt").WithArguments("prompt_template of stage 'PLAN'", "../../secrets.txt"));
    }

    [Fact]
    public async Task TB0501_prompt_template_that_is_nowhere_to_be_found()
    {
        string yaml = Workflows.With("  PLAN:\n    work_agent: pm", "  PLAN:\n    work_agent: pm\n    prompt_template: prompts/plan.prompt.md");
        await VerifyAsync(
            yaml,
            [("/project/prompts/other.prompt.md", "x")],
            null,
            At(PromptTemplateNotFound, yaml, "prompts/plan.prompt.md")
                .WithMessage("Prompt template 'prompts/plan.prompt.md' of stage 'PLAN' was not found; create it or fix the path (relative to the workflow file)"));
    }

    [Fact]
    public async Task TB0501_prompt_template_on_disk_but_not_an_additional_file_names_the_item_to_add()
    {
        string yaml = Workflows.With("  PLAN:\n    work_agent: pm", "  PLAN:\n    work_agent: pm\n    prompt_template: prompts/notes.md");
        await VerifyWithPropertiesAsync(
            yaml,
            [("/project/prompts/other.prompt.md", "x")],
            [("_TeamBotUnlistedPromptTemplates", "/project/prompts/notes.md;/project/.agent/unused.md"), ("ProjectDir", "/project/")],
            At(PromptTemplateNotFound, yaml, "prompts/notes.md")
                .WithMessage("Prompt template 'prompts/notes.md' of stage 'PLAN' exists but is not an AdditionalFiles item, so the compiler cannot embed it; add <AdditionalFiles Include=\"prompts/notes.md\" /> to the project"));
    }

    [Fact]
    public async Task TB0501_names_a_template_outside_the_project_by_its_full_path()
    {
        string yaml = Workflows.With("  PLAN:\n    work_agent: pm", "  PLAN:\n    work_agent: pm\n    prompt_template: prompts/notes.md");
        await VerifyWithPropertiesAsync(
            yaml,
            [],
            [("_TeamBotUnlistedPromptTemplates", "/project/prompts/notes.md"), ("ProjectDir", "/project/app/")],
            At(PromptTemplateNotFound, yaml, "prompts/notes.md")
                .WithArguments("prompts/notes.md", "PLAN", "exists but is not an AdditionalFiles item, so the compiler cannot embed it; add <AdditionalFiles Include=\"/project/prompts/notes.md\" /> to the project"));
    }

    [Fact]
    public async Task TB0501_is_satisfied_by_templates_in_a_hidden_folder_as_the_Python_TeamBot_keeps_them()
    {
        string yaml = Workflows.With(
            "  PLAN:\n    work_agent: pm",
            "  PLAN:\n    work_agent: pm\n    prompt_template: .agent/commands/sdd/sdd.5-task-planner-for-feature.prompt.md");
        await VerifyWithPropertiesAsync(
            yaml,
            [("/project/.agent/commands/sdd/sdd.5-task-planner-for-feature.prompt.md", "# Plan")],
            [("_TeamBotUnlistedPromptTemplates", ""), ("ProjectDir", "/project/")]);
    }

    [Fact]
    public async Task TB0501_is_satisfied_by_the_template_beside_the_workflow()
    {
        string yaml = Workflows.With("  PLAN:\n    work_agent: pm", "  PLAN:\n    work_agent: pm\n    prompt_template: prompts/plan.prompt.md");
        await VerifyAsync(yaml, [("/project/prompts/plan.prompt.md", "# Plan")], null);
    }
}
