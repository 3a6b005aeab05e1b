using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using TeamBot.Tests.Support;
using static TeamBot.Analyzers.DiagnosticDescriptors;
using static TeamBot.Analyzers.Tests.AnalyzerHarness;

namespace TeamBot.Analyzers.Tests;

/// <summary>Every problem in a file is reported, large files are fine, and nothing can crash the analyzer.</summary>
public sealed class WholeFileTests
{
    [Fact]
    public async Task Every_problem_in_one_file_is_reported_not_only_the_first()
    {
        string yaml = Workflows.Valid
            .Replace("  SETUP:\n    work_agent: pm", "  SETUP:\n    wrok_agent: pm", System.StringComparison.Ordinal)
            .Replace("stages: [RESEARCH, TEST_STRATEGY]", "stages: [RESEARCH, TEST_STRATEGYY]", System.StringComparison.Ordinal)
            .Replace("artifacts: [research.md]", "artifacts: [../research.md]", System.StringComparison.Ordinal)
            .Replace("  SPEC: SPEC_REVIEW", "  SPEC: SPEC_REVIEW\n  PLAN: SETUP", System.StringComparison.Ordinal)
            .Replace("    is_review_stage: true", "    is_review_stage: true\n    max_iterations: 0\n    timeout: soon", System.StringComparison.Ordinal);

        await VerifyAsync(
            yaml,
            At(MissingWorkAgent, yaml, "SETUP", within: "SETUP:").WithArguments("SETUP"),
            At(MisspeltField, yaml, "wrok_agent").WithArguments("wrok_agent", "stage 'SETUP'", "work_agent"),
            At(MaxIterationsTooSmall, yaml, "0", within: "max_iterations: 0").WithArguments("0", "SPEC_REVIEW"),
            At(InvalidTimeout, yaml, "soon").WithArguments("soon", "SPEC_REVIEW"),
            At(UnsafePath, yaml, "../research.md").WithArguments("Artifact of stage 'RESEARCH'", "../research.md"),
            At(UnknownStage, yaml, "TEST_STRATEGYY").WithArguments("Parallel group 'post_spec_review'", "TEST_STRATEGYY", " Did you mean 'TEST_STRATEGY'?"),
            At(MappedStageNotReview, yaml, "SETUP", within: "PLAN: SETUP").WithArguments("SETUP", "PLAN"),
            At(ReviewBeforeWork, yaml, "SETUP", within: "PLAN: SETUP").WithArguments("SETUP", "PLAN"));
    }

    [Fact]
    public async Task A_3000_stage_workflow_with_a_50_member_group_has_no_diagnostics() =>
        await VerifyAsync(LargeWorkflow.Create(3000, 50));

    [Fact]
    public async Task A_file_that_cannot_be_opened_is_one_located_error_not_a_crash()
    {
        CSharpCompilation compilation = CSharpCompilation.Create("Tests", [CSharpSyntaxTree.ParseText("class C { }")]);
        var options = new AnalyzerOptions([new UnreadableText("/project/stages.yaml")]);
        var analyzers = new CompilationWithAnalyzers(compilation, [new WorkflowFileAnalyzer()], options);

        ImmutableArray<Diagnostic> diagnostics = await analyzers.GetAnalyzerDiagnosticsAsync(CancellationToken.None);

        Diagnostic diagnostic = Assert.Single(diagnostics);
        Assert.Equal("TB0009", diagnostic.Id);
        Assert.Equal("/project/stages.yaml", diagnostic.Location.GetLineSpan().Path);
    }

    private sealed class UnreadableText(string path) : AdditionalText
    {
        public override string Path { get; } = path;

        public override SourceText? GetText(CancellationToken cancellationToken = default) => null;
    }
}
