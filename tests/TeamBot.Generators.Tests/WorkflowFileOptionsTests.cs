using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using TeamBot.Generators.Tests.Infrastructure;

namespace TeamBot.Generators.Tests;

/// <summary>Which files are workflows, what the generated types are called, and several workflows in one project.</summary>
public sealed class WorkflowFileOptionsTests
{
    private const string Minimal = "stages:\n  ONLY:\n    name: Only\nstage_order: [ONLY]\n";

    [Fact]
    public void A_named_workflow_file_gets_a_class_and_enum_named_after_it()
    {
        GeneratorRun run = GeneratorHarness.Run(("/project/flows/delivery.stages.yaml", Minimal));

        GeneratedSourceResult source = Assert.Single(run.Sources);
        Assert.Equal("Tests.Delivery.g.cs", source.HintName);
        Assert.Contains("public enum DeliveryStage", source.SourceText.ToString(), System.StringComparison.Ordinal);
        Assert.Contains("public sealed partial class Delivery : global::TeamBot.Definitions.IWorkflowDefinition<DeliveryStage>", source.SourceText.ToString(), System.StringComparison.Ordinal);
        Assert.Empty(run.CompileDiagnostics);
    }

    [Fact]
    public void Item_metadata_sets_namespace_class_and_enum_and_marks_any_file_as_a_workflow()
    {
        var file = new InMemoryAdditionalText("/project/pipeline.yml", Minimal);
        var metadata = new Dictionary<string, Dictionary<string, string>>
        {
            [file.Path] = new()
            {
                ["build_metadata.AdditionalFiles.TeamBotWorkflow"] = "true",
                ["build_metadata.AdditionalFiles.TeamBotNamespace"] = "My.Company.Flows",
                ["build_metadata.AdditionalFiles.TeamBotClassName"] = "ReleaseTrain",
                ["build_metadata.AdditionalFiles.TeamBotEnumName"] = "TrainStop",
            },
        };

        GeneratorRun run = GeneratorHarness.Run([file], metadata);

        string source = Assert.Single(run.Sources).SourceText.ToString();
        Assert.Contains("namespace My.Company.Flows", source, System.StringComparison.Ordinal);
        Assert.Contains("public enum TrainStop", source, System.StringComparison.Ordinal);
        Assert.Contains("public sealed partial class ReleaseTrain : global::TeamBot.Definitions.IWorkflowDefinition<TrainStop>", source, System.StringComparison.Ordinal);
        Assert.Empty(run.CompileDiagnostics);
    }

    [Fact]
    public void Other_additional_files_and_files_marked_false_are_ignored()
    {
        var readme = new InMemoryAdditionalText("/project/notes.yaml", Minimal);
        var excluded = new InMemoryAdditionalText("/project/stages.yaml", Minimal);
        var metadata = new Dictionary<string, Dictionary<string, string>>
        {
            [excluded.Path] = new() { ["build_metadata.AdditionalFiles.TeamBotWorkflow"] = "false" },
        };

        GeneratorRun run = GeneratorHarness.Run([readme, excluded], metadata);

        Assert.Empty(run.Sources);
    }

    [Fact]
    public void Several_workflows_in_one_project_each_get_their_own_types()
    {
        GeneratorRun run = GeneratorHarness.Run(
            ("/project/stages.yaml", GoldenOutputTests.ReadInput("repo")),
            ("/project/delivery.stages.yaml", GoldenOutputTests.ReadInput("linear")),
            ("/project/ops/hotfix.stages.yaml", GoldenOutputTests.ReadInput("one-group")));

        Assert.Equal(["Tests.Delivery.g.cs", "Tests.Hotfix.g.cs", "Tests.Workflow.g.cs"], run.Sources.Select(source => source.HintName).Order());
        Assert.Empty(run.CompileDiagnostics);
    }

    [Fact]
    public void The_same_file_listed_twice_is_generated_once()
    {
        GeneratorRun run = GeneratorHarness.Run(("/project/stages.yaml", Minimal), ("/project/stages.yaml", Minimal));

        Assert.Single(run.Sources);
        Assert.Empty(run.Diagnostics);
    }

    [Fact]
    public void Two_workflows_that_would_generate_the_same_class_are_reported_not_emitted_twice()
    {
        GeneratorRun run = GeneratorHarness.Run(("/project/a/stages.yaml", Minimal), ("/project/b/stages.yaml", Minimal));

        Assert.Single(run.Sources);
        Diagnostic diagnostic = Assert.Single(run.Diagnostics);
        Assert.Equal("TB0009", diagnostic.Id);
        Assert.Equal("/project/b/stages.yaml", diagnostic.Location.GetLineSpan().Path);
        Assert.Contains("TeamBotClassName", diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture), System.StringComparison.Ordinal);
    }

    [Fact]
    public void Stage_keys_named_like_the_generated_types_or_members_still_compile()
    {
        GeneratorRun run = GeneratorHarness.Run(("/project/stages.yaml", "stages:\n  STAGE: {work_agent: pm}\n  WORKFLOW: {work_agent: pm}\n  DEFINITION: {work_agent: pm}\n  NAME: {}\nstage_order: [STAGE, WORKFLOW, DEFINITION, NAME]\n"));

        Assert.Single(run.Sources);
        Assert.Empty(run.CompileDiagnostics.Select(diagnostic => diagnostic.ToString()));
    }

    [Fact]
    public void Prompt_templates_are_compiled_into_the_stage_descriptors()
    {
        const string Yaml = "stages:\n  SPEC:\n    work_agent: ba\n    prompt_template: prompts/spec.prompt.md\n  DONE: {}\nstage_order: [SPEC, DONE]\n";

        GeneratorRun run = GeneratorHarness.Run(("/project/stages.yaml", Yaml), ("/project/prompts/spec.prompt.md", "# Write the spec\nQuote: \"x\""));

        string source = Assert.Single(run.Sources).SourceText.ToString();
        Assert.Contains("PromptTemplatePath = \"prompts/spec.prompt.md\",", source, System.StringComparison.Ordinal);
        Assert.Contains("PromptTemplate = \"# Write the spec\\nQuote: \\\"x\\\"\",", source, System.StringComparison.Ordinal);
        Assert.Empty(run.CompileDiagnostics);
    }

    [Fact]
    public void A_missing_prompt_template_generates_only_the_stub()
    {
        const string Yaml = "stages:\n  SPEC:\n    work_agent: ba\n    prompt_template: prompts/spec.prompt.md\n  DONE: {}\nstage_order: [SPEC, DONE]\n";

        GeneratorRun run = GeneratorHarness.Run(("/project/stages.yaml", Yaml), ("/project/prompts/other.prompt.md", "x"));

        Assert.Empty(run.Workflows);
        Assert.Single(run.Stubs);
        Assert.Null(run.Generator.Exception);
    }

    [Theory]
    [InlineData("SPEC_REVIEW", "SpecReview")]
    [InlineData("specReview", "SpecReview")]
    [InlineData("spec-review", "SpecReview")]
    [InlineData("2FA", "_2fa")]
    [InlineData("class", "Class")]
    [InlineData("ÜBERPRÜFUNG", "Überprüfung")]
    [InlineData("_-_", "")]
    public void Stage_keys_become_dotnet_identifiers(string key, string identifier)
    {
        Assert.Equal(identifier, TeamBot.Workflow.Naming.IdentifierNames.ToPascalCase(key));
    }
}
