using TeamBot.Testing;
using Xunit;

namespace Release.Tests;

public sealed class ReleaseCrashTests
{
    [Fact]
    public async Task Every_crash_resumes_as_if_it_never_happened()
    {
        var team = ScriptedTeam.For(Workflow.Definition)
            .RejectReview("DRAFT_REVIEW", times: 1)
            .FailAcceptanceRuns(1);
        using var host = new LocalCrashTestHost<Stage>(Workflow.Definition);

        CrashMatrixReport report = await new CrashMatrix<Stage>(Workflow.Definition, team, host) { CrashTwice = true }.RunAsync();

        Console.WriteLine(report);
        Assert.True(report.CrashPoints > 10, report.ToString());
        report.EnsureEquivalent();
    }
}
