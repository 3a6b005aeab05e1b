using System.Threading.Tasks;
using Microsoft.CodeAnalysis.Testing;
using TeamBot.Workflow;
using static TeamBot.Analyzers.DiagnosticDescriptors;
using static TeamBot.Analyzers.Tests.AnalyzerHarness;

namespace TeamBot.Analyzers.Tests;

/// <summary>TB0502 as the analyzer reports it, live in the IDE: in the template file, as the generator does.</summary>
public sealed class PromptTemplateLimitRuleTests
{
    private const string TemplatePath = "/project/prompts/plan.prompt.md";

    private static readonly string Yaml = Workflows.With("  PLAN:\n    work_agent: pm", "  PLAN:\n    work_agent: pm\n    prompt_template: prompts/plan.prompt.md");

    [Fact]
    public async Task TB0502_a_template_over_the_limit_is_reported_at_the_start_of_the_template()
    {
        await VerifyAsync(
            Yaml,
            [(TemplatePath, new string('x', PromptTemplateText.MaxLength + 1))],
            null,
            new DiagnosticResult(PromptTemplateUnusable).WithSpan(TemplatePath, 1, 1, 1, 1)
                .WithMessage("Prompt template 'prompts/plan.prompt.md' of stage 'PLAN' is 1,048,577 characters long, more than the 1,048,576 (1 MiB) a prompt template may have; shorten it"));
    }

    [Fact]
    public async Task A_template_at_the_limit_passes() =>
        await VerifyAsync(Yaml, [(TemplatePath, new string('x', PromptTemplateText.MaxLength))], null);

    [Fact]
    public async Task TB0502_waits_for_the_workflow_errors_since_only_a_valid_workflow_compiles_its_templates_in()
    {
        string yaml = Yaml.Replace("stage_order: [SETUP,", "stage_order: [SETUPP,", System.StringComparison.Ordinal);

        await VerifyAsync(
            yaml,
            [(TemplatePath, new string('x', PromptTemplateText.MaxLength + 1))],
            null,
            At(UnknownStage, yaml, "SETUPP").WithArguments("stage_order", "SETUPP", " Did you mean 'SETUP'?"),
            At(StageNotInOrder, yaml, "SETUP", within: "  SETUP:").WithArguments("SETUP"));
    }
}
