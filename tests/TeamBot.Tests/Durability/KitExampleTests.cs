using System.Threading.Tasks;
using TeamBot.Testing;
using Xunit;

namespace TeamBot.Tests.Durability;

public sealed class KitExampleTests
{
    [Fact]
    public async Task Every_crash_resumes_as_if_it_never_happened()
    {
        // Reviews that reject before approving and an acceptance run that fails before passing: every loop is exercised.
        var team = ScriptedTeam.For(Workflow.Definition)
            .RejectReview("SPEC_REVIEW", times: 2)
            .FailAcceptanceRuns(1);
        using var host = new LocalCrashTestHost<Stage>(Workflow.Definition);

        CrashMatrixReport report = await new CrashMatrix<Stage>(Workflow.Definition, team, host).RunAsync();

        Assert.True(report.CrashPoints > 0);
        report.EnsureEquivalent(); // throws with every divergence: the crash point, the call or line that differs
    }
}
