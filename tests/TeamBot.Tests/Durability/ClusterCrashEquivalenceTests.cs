using System;
using System.Threading.Tasks;
using TeamBot.Definitions;
using TeamBot.Testing;
using Xunit.Abstractions;

namespace TeamBot.Tests.Durability;

/// <summary>
/// The crash matrix on the Orleans host (<see cref="ClusterCrashTestHost{TStage}"/>): each crash kills the run's silo
/// there, and the run resumes on a fresh activation from grain storage.
/// </summary>
/// <remarks>
/// Each crash costs a silo kill and restart (about 0.25 s); the whole matrix, every point of every workload, takes
/// about two minutes, well inside the CI budget, so nothing is sampled.
/// </remarks>
public sealed class ClusterCrashEquivalenceTests(ITestOutputHelper output) : CrashEquivalenceBehaviour(output)
{
    protected override string HostName => "cluster";

    /// <summary>
    /// Every worker starts its agent 30 ms late, so members are still on their way when the caller cancels the run and
    /// when it crashes. Their session ends only once their workers have answered: a call it gave up at the stop would
    /// start its agent afterwards, among the next session's calls, and the member's answer would count twice. Only the
    /// first writes' points: each trial cancels, and the uncrashed runs too.
    /// </summary>
    [Fact]
    public Task Wide_group_cancelled_while_members_are_on_their_way_to_slow_workers() => CheckSlowWorkersAsync(Wide.Definition);

    private async Task CheckSlowWorkersAsync<TStage>(IWorkflowDefinition<TStage> workflow)
        where TStage : struct, Enum
    {
        await using var host = new ClusterCrashTestHost<TStage>(workflow) { AgentStartDelay = TimeSpan.FromMilliseconds(30) };
        CrashMatrixReport report = await new CrashMatrix<TStage>(workflow, CrashWorkloads.MemberFailureThenCancel(), host) { CrashTwice = true, Where = point => point.Write <= 3 }.RunAsync();
        MatrixLog.Write(Output, HostName, "MemberFailureThenCancel with slow workers", report);
        report.EnsureEquivalent();
    }

    private protected override async Task<CrashMatrixReport> RunMatrixAsync<TStage>(IWorkflowDefinition<TStage> workflow, ScriptedTeam team)
    {
        await using var host = new ClusterCrashTestHost<TStage>(workflow);
        CrashMatrixReport report = await new CrashMatrix<TStage>(workflow, team, host) { CrashTwice = true }.RunAsync();
        Output.WriteLine($"silo restarts: {host.SiloRestarts}");
        return report;
    }
}
