using System;
using System.Threading.Tasks;
using TeamBot.Definitions;
using TeamBot.Testing;
using Xunit;
using Xunit.Abstractions;

namespace TeamBot.Tests.Durability;

/// <summary>
/// The crash matrix on the in-process host (file store): for every workload, a run crashed before, inside and after
/// each of its durable writes resumes to exactly the uncrashed run's agent calls, final state and files.
/// </summary>
public sealed class LocalCrashEquivalenceTests(ITestOutputHelper output)
{
    [Fact]
    public Task Delivery_workflow_with_rejected_reviews_and_failed_acceptance_runs() => CheckAsync(Workflow.Definition, CrashWorkloads.Delivery(), nameof(CrashWorkloads.Delivery), crashTwice: true);

    [Fact]
    public Task Delivery_workflow_whose_review_never_approves() => CheckAsync(Workflow.Definition, CrashWorkloads.ReviewFailure(), nameof(CrashWorkloads.ReviewFailure), crashTwice: true);

    [Fact]
    public Task Delivery_workflow_cancelled_and_resumed() => CheckAsync(Workflow.Definition, CrashWorkloads.Cancelled(), nameof(CrashWorkloads.Cancelled), crashTwice: true);

    [Fact]
    public Task Wide_group_at_a_low_bound() => CheckAsync(Wide.Definition, CrashWorkloads.WideGroup(), nameof(CrashWorkloads.WideGroup), crashTwice: true);

    [Fact]
    public Task Wide_group_with_failing_members() => CheckAsync(Wide.Definition, CrashWorkloads.MemberFailures(), nameof(CrashWorkloads.MemberFailures), crashTwice: true);

    [Fact]
    public Task Wide_group_with_a_failed_member_cancelled_and_resumed() => CheckAsync(Wide.Definition, CrashWorkloads.MemberFailureThenCancel(), nameof(CrashWorkloads.MemberFailureThenCancel), crashTwice: true);

    [Fact]
    public Task Stage_past_its_time_limit() => CheckAsync(Timed.Definition, CrashWorkloads.TimeLimit(), nameof(CrashWorkloads.TimeLimit), crashTwice: true);

    private async Task CheckAsync<TStage>(IWorkflowDefinition<TStage> workflow, ScriptedTeam team, string workload, bool crashTwice = false)
        where TStage : struct, Enum
    {
        using var host = new LocalCrashTestHost<TStage>(workflow);
        CrashMatrixReport report = await new CrashMatrix<TStage>(workflow, team, host) { CrashTwice = crashTwice }.RunAsync();

        MatrixLog.Write(output, "local", workload, report);
        Assert.True(report.CrashPoints > 0);

        // A few points may go unreached when a run's events share writes differently; most must be reached.
        Assert.True(report.Unreached * 2 <= report.CrashPoints, report.ToString());
        report.EnsureEquivalent();
    }
}
