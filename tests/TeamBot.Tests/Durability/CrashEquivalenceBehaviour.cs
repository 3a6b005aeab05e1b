using System;
using System.Threading.Tasks;
using TeamBot.Definitions;
using TeamBot.Testing;
using Xunit;
using Xunit.Abstractions;

namespace TeamBot.Tests.Durability;

/// <summary>
/// The crash matrix for every workload: a run crashed before, inside and after each of its durable writes (and, with
/// a second crash, at every point of its resumed session) resumes to exactly the uncrashed run's agent calls, final
/// state and files. Each host runs every workload.
/// </summary>
public abstract class CrashEquivalenceBehaviour(ITestOutputHelper output)
{
    /// <summary>Gets the host's name in the matrix's log line.</summary>
    protected abstract string HostName { get; }

    [Fact]
    public Task Delivery_workflow_with_rejected_reviews_and_failed_acceptance_runs() => CheckAsync(Workflow.Definition, CrashWorkloads.Delivery(), nameof(CrashWorkloads.Delivery));

    [Fact]
    public Task Delivery_workflow_whose_review_never_approves() => CheckAsync(Workflow.Definition, CrashWorkloads.ReviewFailure(), nameof(CrashWorkloads.ReviewFailure));

    [Fact]
    public Task Delivery_workflow_cancelled_and_resumed() => CheckAsync(Workflow.Definition, CrashWorkloads.Cancelled(), nameof(CrashWorkloads.Cancelled));

    [Fact]
    public Task Wide_group_at_a_low_bound() => CheckAsync(Wide.Definition, CrashWorkloads.WideGroup(), nameof(CrashWorkloads.WideGroup));

    [Fact]
    public Task Wide_group_with_failing_members() => CheckAsync(Wide.Definition, CrashWorkloads.MemberFailures(), nameof(CrashWorkloads.MemberFailures));

    [Fact]
    public Task Wide_group_with_a_failed_member_cancelled_and_resumed() => CheckAsync(Wide.Definition, CrashWorkloads.MemberFailureThenCancel(), nameof(CrashWorkloads.MemberFailureThenCancel));

    [Fact]
    public Task Stage_past_its_time_limit() => CheckAsync(Timed.Definition, CrashWorkloads.TimeLimit(), nameof(CrashWorkloads.TimeLimit));

    /// <summary>Runs the matrix of <paramref name="team"/> on this host, with two crashes per trial as well as one.</summary>
    private protected abstract Task<CrashMatrixReport> RunMatrixAsync<TStage>(IWorkflowDefinition<TStage> workflow, ScriptedTeam team)
        where TStage : struct, Enum;

    private protected ITestOutputHelper Output => output;

    private protected async Task CheckAsync<TStage>(IWorkflowDefinition<TStage> workflow, ScriptedTeam team, string workload)
        where TStage : struct, Enum
    {
        CrashMatrixReport report = await RunMatrixAsync(workflow, team);

        MatrixLog.Write(output, HostName, workload, report);
        Assert.True(report.CrashPoints > 0);

        // A few points may go unreached when a run's events share writes differently; most must be reached.
        Assert.True(report.Unreached * 2 <= report.CrashPoints, report.ToString());
        report.EnsureEquivalent();
    }
}
