using System;
using System.Globalization;
using System.IO;
using Microsoft.CodeAnalysis;
using TeamBot.Generators.Tests.Infrastructure;

namespace TeamBot.Generators.Tests;

/// <summary>
/// A budget below the worst case as the generator sees it: under <c>policy: strict</c> the build fails at the budget and
/// no workflow is generated; under <c>warn</c> the workflow is generated and only the analyzer warns.
/// </summary>
public sealed class BudgetGateTests
{
    private static readonly string Budget = File.ReadAllText(RepoPaths.Golden("budget", "stages.yaml"));

    [Fact]
    public void A_strict_budget_below_the_worst_case_fails_the_build_at_the_budget_and_generates_only_the_stub()
    {
        string yaml = Budget.Replace("  tokens: 500000\n", "  tokens: 319999\n", StringComparison.Ordinal);
        GeneratorRun run = GeneratorHarness.Run(("/project/stages.yaml", yaml));

        Diagnostic diagnostic = Assert.Single(run.Diagnostics);
        Assert.Equal("TB0801", diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        Assert.StartsWith("The token budget 319999 is below the run's worst case of 320000 tokens (15 agent calls)", diagnostic.GetMessage(CultureInfo.InvariantCulture), StringComparison.Ordinal);
        int line = Array.IndexOf(yaml.Split('\n'), "  tokens: 319999");
        Assert.Equal(line, diagnostic.Location.GetLineSpan().StartLinePosition.Line);
        Assert.Empty(run.Workflows);
        Assert.Single(run.Stubs);
    }

    [Fact]
    public void A_budget_below_the_worst_case_under_the_warn_policy_still_generates_the_workflow()
    {
        string yaml = Budget.Replace("  tokens: 500000\n", "  tokens: 319999\n", StringComparison.Ordinal).Replace("  policy: strict\n", "  policy: warn\n", StringComparison.Ordinal);
        GeneratorRun run = GeneratorHarness.Run(("/project/stages.yaml", yaml));

        Assert.Empty(run.Diagnostics);
        Assert.Single(run.Workflows);
    }

    [Fact]
    public void Saturated_figures_compile()
    {
        const string Yaml = """
            stages:
              LOOP:
                work_agent: ba
                review_agent: reviewer
                is_review_stage: true
                max_iterations: 2147483647
                max_tokens_per_call: 2147483647
                timeout: "10675199.02:48:05"
              AGAIN:
                work_agent: ba
                review_agent: reviewer
                is_review_stage: true
                max_iterations: 2147483647
                max_tokens_per_call: 2147483647
                timeout: "01:00:00"
              END: {}
            stage_order: [LOOP, AGAIN, END]

            """;
        GeneratorRun run = GeneratorHarness.Run(("/project/stages.yaml", Yaml));

        string source = Assert.Single(run.Workflows).SourceText.ToString();
        Assert.Contains("WorstCaseTokens = 9223372036854775807L,", source, StringComparison.Ordinal);
        Assert.Contains("CriticalPath = global::System.TimeSpan.FromTicks(9223372036854775807L),", source, StringComparison.Ordinal);
        Assert.Empty(run.CompileDiagnostics);
    }
}
