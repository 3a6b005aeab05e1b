using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using TeamBot.Execution;
using TeamBot.Rules;
using TeamBot.Tests.Fakes;

namespace TeamBot.Tests.Runner;

/// <summary>The report of a review loop that ran out of iterations, as the Python TeamBot wrote them.</summary>
public sealed class ReviewFailureReportTests
{
    [Fact]
    public async Task The_report_lists_each_suggestion_of_the_reviews_once_in_the_order_first_given()
    {
        using var run = new TestRun();
        run.Team.ApproveFromIteration = 99;

        WorkflowResult result = await run.RunAsync(Workflow.Definition);

        Assert.Equal(RunStatus.ReviewFailed, result.Status);
        string report = File.ReadAllText(Assert.Single(Directory.GetFiles(Path.Combine(run.Directory, "failures"))));
        string suggestions = report[report.IndexOf("## Suggestions for Resolution\n\n", StringComparison.Ordinal)..report.IndexOf("\n## Full Iteration History", StringComparison.Ordinal)];
        Assert.Equal(
            ["- Handle the empty report", "- Add a test for iteration 1", "- Add a test for iteration 2", "- Add a test for iteration 3", "- Add a test for iteration 4"],
            suggestions.Split('\n').Where(line => line.StartsWith("- ", StringComparison.Ordinal)));
        Assert.Contains("**Iterations**: 4", report, StringComparison.Ordinal);
        Assert.Contains("**Approved**: False", report, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Each_failure_keeps_its_own_report()
    {
        using var run = new TestRun();
        run.Team.ApproveFromIteration = 99;
        await run.RunAsync(Workflow.Definition);

        // Resumed, the loop runs a fresh round, fails again and leaves a second report beside the first.
        WorkflowResult again = await run.Runner(Workflow.Definition).ResumeAsync(TestRun.Objective);

        Assert.Equal(RunStatus.ReviewFailed, again.Status);
        Assert.Equal(2, Directory.GetFiles(Path.Combine(run.Directory, "failures"), "*-spec_review-review-failure.md").Length);
    }
}
