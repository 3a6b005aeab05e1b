using System;
using System.IO;
using System.Threading.Tasks;
using TeamBot.Execution;
using TeamBot.Rules;
using TeamBot.Tests.Fakes;

namespace TeamBot.Tests.Runner;

/// <summary>
/// The acceptance stage of the repository's workflow lets its agent run commands: its passes count only with a test
/// run behind them, and every run is written to artifacts/acceptance_test_results.md with its evidence.
/// </summary>
public sealed class AcceptanceEvidenceTests
{
    [Fact]
    public async Task Passes_claimed_without_running_a_command_are_failures_that_say_why()
    {
        using var run = new TestRun();
        run.Team.TestRunEvidence = false;

        WorkflowResult result = await run.RunAsync(Workflow.Definition);

        Assert.Equal(RunStatus.AcceptanceTestFailed, result.Status);
        string results = File.ReadAllText(Path.Combine(run.Directory, "artifacts", "acceptance_test_results.md"));
        Assert.Contains("0 of 2 scenarios passed", results, StringComparison.Ordinal);
        Assert.Contains("| FAIL | pass claimed without test-runner output: the agent ran no command to the end |", results, StringComparison.Ordinal);
        Assert.Contains("The agent ran no command.", results, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_scenario_claimed_passed_while_the_test_command_failed_is_not_a_pass()
    {
        using var run = new TestRun();
        run.Team.TestRunExitCode = 1;

        WorkflowResult result = await run.RunAsync(Workflow.Definition);

        Assert.Equal(RunStatus.AcceptanceTestFailed, result.Status);
        string results = File.ReadAllText(Path.Combine(run.Directory, "artifacts", "acceptance_test_results.md"));
        Assert.Contains("| FAIL | pass claimed for every scenario, but every test command failed (exit code 1) |", results, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Passes_backed_by_a_test_run_count_and_the_results_show_the_command_and_keep_the_agent_s_report()
    {
        using var run = new TestRun();

        WorkflowResult result = await run.RunAsync(Workflow.Definition);

        Assert.Equal(RunStatus.Complete, result.Status);
        string results = File.ReadAllText(Path.Combine(run.Directory, "artifacts", "acceptance_test_results.md"));
        Assert.Contains("Run 1: 2 of 2 scenarios passed.", results, StringComparison.Ordinal);
        Assert.Contains("| AT-001: Export a report | PASS | checked |", results, StringComparison.Ordinal);
        Assert.Contains("- `{\"program\":\"dotnet\"}` (builder-1): exit code 0", results, StringComparison.Ordinal);
        Assert.Contains("## The agent's report\n\n# acceptance_test_results.md\nrun 1", results, StringComparison.Ordinal);
    }
}
