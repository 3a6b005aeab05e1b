using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using TeamBot.AcceptanceTests;
using TeamBot.Rules;
using TeamBot.State;

namespace TeamBot.Execution;

/// <summary>
/// What an acceptance-test run's results rest on. When the stage lets its agent run commands, a pass counts only with
/// a test runner's output behind it (the Python TeamBot's safeguard): an agent that ran no command, or whose every
/// command failed, has its passes turned into failures saying why. Each run is written to
/// <c>artifacts/acceptance_test_results.md</c> with the commands, their exit codes and the end of their output.
/// </summary>
internal static class AcceptanceEvidence
{
    public const string ResultsArtifact = "acceptance_test_results.md";

    /// <summary>Why the agent's passes cannot be taken; <see langword="null"/> when a test run backs them.</summary>
    /// <param name="calls">The agent's tool calls.</param>
    /// <param name="allClaimedPassed">Whether it claimed every scenario passed: a test run that failed contradicts that,
    /// while a failed run beside some passes is what a runner with a failing test reports.</param>
    public static string? Missing(IEnumerable<ToolCall> calls, bool allClaimedPassed)
    {
        ToolCall[] runs = Commands(calls).Where(run => !run.Summary.StartsWith("did not finish", System.StringComparison.Ordinal)).ToArray();
        if (runs.Length == 0)
        {
            return "claimed without test-runner output: the agent ran no command to the end";
        }

        return !allClaimedPassed || runs.Any(Succeeded)
            ? null
            : $"claimed for every scenario, but every test command failed ({string.Join("; ", runs.Select(run => run.Summary))})";
    }

    public static async Task WriteAsync(RunFileSystem files, string artifactsDirectory, int iteration, IReadOnlyList<(AcceptanceScenario Scenario, ScenarioResult Result)> results, IEnumerable<ToolCall> calls, bool runsCommands, string? agentReport, CancellationToken cancellationToken)
    {
        int passed = results.Count(item => item.Result.Outcome == ScenarioOutcome.Passed);
        var text = new StringBuilder("# Acceptance test results\n\n")
            .Append(CultureInfo.InvariantCulture, $"Run {iteration}: {passed} of {results.Count} scenarios passed.\n\n")
            .Append("| Scenario | Result | Detail |\n| --- | --- | --- |\n");
        foreach ((AcceptanceScenario scenario, ScenarioResult result) in results)
        {
            string outcome = result.Outcome switch { ScenarioOutcome.Passed => "PASS", ScenarioOutcome.Failed => "FAIL", _ => "SKIP" };
            text.Append(CultureInfo.InvariantCulture, $"| {Cell(scenario.Id + ": " + scenario.Name)} | {outcome} | {Cell(result.Detail)} |\n");
        }

        text.Append("\n## Evidence\n\n");
        ToolCall[] runs = Commands(calls);
        if (!runsCommands)
        {
            text.Append("The stage does not let its agent run commands (no `run_command` in its permissions): the results are the agent's own report.\n");
        }
        else if (runs.Length == 0)
        {
            text.Append("The agent ran no command.\n");
        }

        foreach (ToolCall run in runs)
        {
            text.Append("- `").Append(run.Arguments).Append("` (").Append(run.Agent).Append("): ").Append(run.Summary).Append('\n');
            ToolCallMarkdown.AppendOutput(text, run);
        }

        // The agent may write this file as its artifact too: its version is kept under the evidence, not lost.
        if (agentReport is { Length: > 0 })
        {
            text.Append("\n## The agent's report\n\n").Append(agentReport.TrimEnd()).Append('\n');
        }

        await RunFiles.WriteAllTextAsync(files, Path.GetDirectoryName(Path.GetFullPath(artifactsDirectory))!, Path.Combine(artifactsDirectory, ResultsArtifact), text.ToString(), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The commands run: the workspace tool's, and the shell tools of a coding agent such as the Copilot CLI's.</summary>
    private static ToolCall[] Commands(IEnumerable<ToolCall> calls) =>
        calls.Where(call => !call.Refused && call.Tool is "run_command" or "bash" or "shell" or "powershell").ToArray();

    /// <summary>The workspace tool says its exit code; another agent's shell tool only whether it failed.</summary>
    private static bool Succeeded(ToolCall run) =>
        run.Tool == "run_command" ? run.Summary == "exit code 0" : !run.Summary.StartsWith("failed", System.StringComparison.Ordinal);

    private static string Cell(string text) => text.ReplaceLineEndings(" ").Replace("|", "\\|", System.StringComparison.Ordinal);
}
