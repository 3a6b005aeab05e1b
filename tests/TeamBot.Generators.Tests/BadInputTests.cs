using System.Linq;
using TeamBot.Generators.Tests.Infrastructure;

namespace TeamBot.Generators.Tests;

/// <summary>
/// A broken workflow file produces no workflow, only its stand-in types, and never an exception (CS8785). The generator
/// reports the file's problems itself, because the command-line compiler skips analyzers once a compilation has errors.
/// </summary>
public sealed class BadInputTests
{
    [Theory]
    [InlineData("")]
    [InlineData("   \n# only a comment\n")]
    [InlineData("stages: [unclosed")]
    [InlineData("stages: 3\nstage_order: [A]")]
    [InlineData("stages:\n  A:\n\twork_agent: pm\nstage_order: [A]")]
    [InlineData("stages:\n  A: {work_agent: pm}\nstage_order: [A, B]")]
    [InlineData("stages:\n  A: {work_agent: pm}\n  A: {work_agent: ba}\nstage_order: [A]")]
    [InlineData("stages:\n  A: {work_agent: pm, optional: maybe}\nstage_order: [A]")]
    [InlineData("- just\n- a list")]
    [InlineData("a: &a [*a]")]
    [InlineData("stages:\n  SPEC_REVIEW: {work_agent: pm}\n  SpecReview: {work_agent: pm}\nstage_order: [SPEC_REVIEW, SpecReview]")]
    public void Invalid_workflow_generates_only_a_stub_that_compiles_and_does_not_throw(string yaml)
    {
        GeneratorRun run = GeneratorHarness.Run(("/project/stages.yaml", yaml));

        Assert.Null(run.Generator.Exception);
        Assert.Empty(run.Workflows);
        Assert.Equal("Tests.Workflow.Stub.g.cs", Assert.Single(run.Stubs).HintName);
        Assert.Empty(run.CompileDiagnostics.Select(diagnostic => diagnostic.ToString()));
        Assert.NotEmpty(run.Diagnostics);
        Assert.All(run.Diagnostics, diagnostic => Assert.StartsWith("TB", diagnostic.Id, System.StringComparison.Ordinal));
        Assert.Contains(run.Diagnostics, diagnostic => diagnostic.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error);
        Assert.All(run.Diagnostics, diagnostic => Assert.Equal("/project/stages.yaml", diagnostic.Location.GetLineSpan().Path));
    }

    [Fact]
    public void Warnings_alone_do_not_stop_generation()
    {
        GeneratorRun run = GeneratorHarness.Run(("/project/stages.yaml", "stages:\n  A:\n    colour: pm\nstage_order: [A]\n"));

        Assert.Single(run.Sources);
        Assert.Empty(run.CompileDiagnostics);
        Assert.Empty(run.Diagnostics);
    }
}
