using System.Collections.Generic;
using System.Globalization;
using Microsoft.CodeAnalysis;
using TeamBot.Generators.Tests.Infrastructure;

namespace TeamBot.Generators.Tests;

/// <summary>
/// TB0501 as the generator reports it (the command-line compiler skips analyzers once the missing types cause errors):
/// a template nowhere to be found, and one MSBuild found on disk that is not an additional file, with the item to add.
/// </summary>
public sealed class PromptTemplateReportTests
{
    private const string Yaml = "stages:\n  SPEC:\n    work_agent: ba\n    prompt_template: .agent/commands/sdd/spec.md\n  DONE: {}\nstage_order: [SPEC, DONE]\n";

    [Fact]
    public void A_template_that_is_nowhere_to_be_found_is_reported_at_its_path()
    {
        GeneratorRun run = GeneratorHarness.Run(("/project/stages.yaml", Yaml));

        Assert.Empty(run.Workflows);
        Assert.Single(run.Stubs);
        Assert.Null(run.Generator.Exception);
        Diagnostic diagnostic = AssertTemplateDiagnostic(run);
        Assert.Equal(
            "Prompt template '.agent/commands/sdd/spec.md' of stage 'SPEC' was not found; create it or fix the path (relative to the workflow file)",
            diagnostic.GetMessage(CultureInfo.InvariantCulture));
    }

    [Fact]
    public void A_template_on_disk_that_is_not_an_additional_file_is_reported_with_the_item_to_add()
    {
        var properties = new Dictionary<string, string>
        {
            ["_TeamBotUnlistedPromptTemplates"] = "/project/.agent/commands/sdd/spec.md",
            ["ProjectDir"] = "/project/",
        };

        GeneratorRun run = GeneratorHarness.Run([new InMemoryAdditionalText("/project/stages.yaml", Yaml)], null, properties);

        Assert.Empty(run.Workflows);
        Assert.Single(run.Stubs);
        Assert.Null(run.Generator.Exception);
        Diagnostic diagnostic = AssertTemplateDiagnostic(run);
        Assert.Equal(
            "Prompt template '.agent/commands/sdd/spec.md' of stage 'SPEC' exists but is not an AdditionalFiles item, so the compiler cannot embed it; add <AdditionalFiles Include=\".agent/commands/sdd/spec.md\" /> to the project",
            diagnostic.GetMessage(CultureInfo.InvariantCulture));
    }

    [Fact]
    public void A_template_that_is_an_additional_file_is_compiled_in_whatever_MSBuild_says_of_others()
    {
        var properties = new Dictionary<string, string> { ["_TeamBotUnlistedPromptTemplates"] = "/project/prompts/notes.md", ["ProjectDir"] = "/project/" };

        GeneratorRun run = GeneratorHarness.Run(
            [new InMemoryAdditionalText("/project/stages.yaml", Yaml), new InMemoryAdditionalText("/project/.agent/commands/sdd/spec.md", "# Spec")],
            null,
            properties);

        Assert.Contains("PromptTemplate = \"# Spec\",", Assert.Single(run.Sources).SourceText.ToString(), System.StringComparison.Ordinal);
        Assert.Empty(run.Diagnostics);
    }

    /// <summary>The one TB0501, located on the template path: line 4, columns 22 to 49 (one-based).</summary>
    private static Diagnostic AssertTemplateDiagnostic(GeneratorRun run)
    {
        Diagnostic diagnostic = Assert.Single(run.Diagnostics);
        Assert.Equal("TB0501", diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        FileLinePositionSpan span = diagnostic.Location.GetLineSpan();
        Assert.Equal("/project/stages.yaml", span.Path);
        Assert.Equal((3, 21, 3, 48), (span.StartLinePosition.Line, span.StartLinePosition.Character, span.EndLinePosition.Line, span.EndLinePosition.Character));
        Assert.Equal(".agent/commands/sdd/spec.md", Yaml.Substring(diagnostic.Location.SourceSpan.Start, diagnostic.Location.SourceSpan.Length));
        return diagnostic;
    }
}
