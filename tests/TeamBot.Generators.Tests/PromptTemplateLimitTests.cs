using System;
using System.Globalization;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using TeamBot.Generators.Tests.Infrastructure;
using TeamBot.Workflow;

namespace TeamBot.Generators.Tests;

/// <summary>
/// TB0502: a template is compiled in up to <see cref="PromptTemplateText.MaxLength"/> characters; a larger or
/// unreadable one is refused in the template file itself, instead of ending in CS8103 (string literals over the
/// metadata limit) or an unlocated TB0009.
/// </summary>
public sealed class PromptTemplateLimitTests
{
    private const string Yaml = "stages:\n  SPEC:\n    work_agent: ba\n    prompt_template: prompts/spec.prompt.md\n  DONE: {}\nstage_order: [SPEC, DONE]\n";
    private const string TemplatePath = "/project/prompts/spec.prompt.md";

    [Fact]
    public void A_template_at_the_limit_is_compiled_in()
    {
        string template = new('x', PromptTemplateText.MaxLength);

        GeneratorRun run = GeneratorHarness.Run(("/project/stages.yaml", Yaml), (TemplatePath, template));

        Assert.Empty(run.Diagnostics);
        Assert.Contains(template, Assert.Single(run.Sources).SourceText.ToString(), StringComparison.Ordinal);
        Assert.Empty(run.CompileDiagnostics);
    }

    [Fact]
    public void A_template_one_character_over_the_limit_is_refused_in_the_template_file()
    {
        GeneratorRun run = GeneratorHarness.Run(("/project/stages.yaml", Yaml), (TemplatePath, new string('x', PromptTemplateText.MaxLength + 1)));

        Assert.Empty(run.Workflows);
        Assert.Single(run.Stubs);
        AssertRefused(run, "Prompt template 'prompts/spec.prompt.md' of stage 'SPEC' is 1,048,577 characters long, more than the 1,048,576 (1 MiB) a prompt template may have; shorten it");
    }

    [Fact]
    public void A_50_MB_template_is_refused_without_being_copied()
    {
        var template = new InMemoryAdditionalText(TemplatePath, new string('x', 50 * 1024 * 1024));
        var workflow = new InMemoryAdditionalText("/project/stages.yaml", Yaml);

        // The generator runs on this thread. Embedding the text cost 1.2 GB here: the literal, the source, its syntax.
        long before = GC.GetAllocatedBytesForCurrentThread();
        GeneratorRun run = GeneratorHarness.Run([workflow, template], null);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Empty(run.Workflows);
        Assert.Single(run.Stubs);
        AssertRefused(run, "Prompt template 'prompts/spec.prompt.md' of stage 'SPEC' is 52,428,800 characters long, more than the 1,048,576 (1 MiB) a prompt template may have; shorten it");
        Assert.True(allocated < 32 * 1024 * 1024, $"{allocated / (1024 * 1024)} MB allocated for a 50 MB template that is refused.");
    }

    [Fact]
    public void An_unreadable_template_is_refused_in_the_template_file()
    {
        GeneratorRun run = GeneratorHarness.Run([new InMemoryAdditionalText("/project/stages.yaml", Yaml), new UnreadableText(TemplatePath)], null);

        Assert.Empty(run.Workflows);
        Assert.Single(run.Stubs);
        AssertRefused(run, "Prompt template 'prompts/spec.prompt.md' of stage 'SPEC' could not be read by the compiler; check that the file exists and can be read");
    }

    private static void AssertRefused(GeneratorRun run, string message)
    {
        Assert.Null(run.Generator.Exception);
        Diagnostic diagnostic = Assert.Single(run.Diagnostics);
        Assert.Equal(("TB0502", DiagnosticSeverity.Error), (diagnostic.Id, diagnostic.Severity));
        Assert.Equal(message, diagnostic.GetMessage(CultureInfo.InvariantCulture));
        FileLinePositionSpan span = diagnostic.Location.GetLineSpan();
        Assert.Equal((TemplatePath, 0, 0, 0, 0), (span.Path, span.StartLinePosition.Line, span.StartLinePosition.Character, span.EndLinePosition.Line, span.EndLinePosition.Character));
    }

    /// <summary>A file the compiler lists but cannot read, as when it is deleted or locked mid-build.</summary>
    private sealed class UnreadableText(string path) : AdditionalText
    {
        public override string Path { get; } = path;

        public override SourceText? GetText(CancellationToken cancellationToken = default) => null;
    }
}
