using System;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using TeamBot.State;

namespace TeamBot.Hosting.Tests;

/// <summary>
/// <c>teambot run --token-budget</c> with the offline agent: the run stops before the call that could exceed it with
/// exit code 9, <c>status</c> shows where the tokens went, and <c>resume</c> with a larger budget finishes the run.
/// </summary>
public sealed class BudgetCommandTests
{
    [Fact]
    public async Task A_run_out_of_tokens_exits_9_shows_its_usage_in_status_and_resumes_with_a_larger_budget()
    {
        using var cli = new CliHarness();

        (int exit, string output, string error) = await cli.RunAsync(["run", "objectives/add-export.md", "--token-budget", "6000"]);

        Assert.True(exit == ExitCodes.BudgetExceeded, output + error);
        Assert.Matches(@"Run budget_exceeded in \S+, \d+ stages done: The run's token budget \(6,000\) is used up: [\d,]+ used; the next call of [A-Z_]+ was not made\.", output);
        Assert.Contains("continue with a larger budget: teambot resume csv-export --token-budget <tokens>", output, StringComparison.Ordinal);
        OrchestrationStateDocument stopped = await new FileStateStore(cli.RunDirectory("csv-export")).LoadAsync(CancellationToken.None) ?? throw new InvalidOperationException("no state");
        long used = stopped.TokenUsage!.Sum(line => line.TotalTokens);
        // Without a per-call limit (max_tokens_per_call) a call may start while a token is left and go past the budget;
        // none starts once it is spent (less the one token a concurrent member's call holds).
        Assert.True(used >= 6000 - 1, $"stopped at {used} tokens");
        Assert.Equal(6000, stopped.MaxTokens);

        (int statusExit, string status, _) = await cli.RunAsync(["status", "csv-export"]);

        Assert.Equal(ExitCodes.Complete, statusExit);
        Assert.Matches($@"(?m)^csv-export\s+budget_exceeded\s+at \S+\s+\d+/14 stages\s+\S+\s+{Regex.Escape(used.ToString("N0", System.Globalization.CultureInfo.InvariantCulture))}/6,000 tokens$", status);
        Assert.Matches(@"(?m)^\s+SPEC\s+ba\s+offline\s+[\d,]+ tokens \([\d,]+ in, [\d,]+ out\) in 1 call$", status);

        (int resumed, string finished, string resumeError) = await cli.RunAsync(["resume", "csv-export", "--token-budget", "1000000"]);

        Assert.True(resumed == ExitCodes.Complete, finished + resumeError);
        OrchestrationStateDocument complete = await new FileStateStore(cli.RunDirectory("csv-export")).LoadAsync(CancellationToken.None) ?? throw new InvalidOperationException("no state");
        Assert.Equal("complete", complete.Status);
        Assert.Equal(1_000_000, complete.MaxTokens);
        Assert.True(complete.TokenUsage!.Sum(line => line.TotalTokens) > used);
        Assert.Matches(@"Tokens:\s+[\d,]+ \([\d,]+ in, [\d,]+ out\) over all the run's sessions", finished);
    }

    [Theory]
    [InlineData("--token-budget", "0", "--token-budget: the budget must be more than zero, not 0")]
    [InlineData("--cost-budget", "-1.5", "--cost-budget: the budget must be more than zero, not -1.5")]
    [InlineData("--price", "gpt-4.1", "--price: 'gpt-4.1' is not model=input/output")]
    [InlineData("--price", "gpt-4.1=1/x", "--price: 'gpt-4.1=1/x' is not model=input/output")]
    public async Task A_bad_budget_option_is_bad_input_naming_it(string option, string value, string message)
    {
        using var cli = new CliHarness();

        (int exit, _, string error) = await cli.RunAsync(["run", "objectives/add-export.md", option, value]);

        Assert.Equal(ExitCodes.BadInput, exit);
        Assert.Contains(message, error, StringComparison.Ordinal);
    }
}
