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

    private protected override async Task<CrashMatrixReport> RunMatrixAsync<TStage>(IWorkflowDefinition<TStage> workflow, ScriptedTeam team)
    {
        await using var host = new ClusterCrashTestHost<TStage>(workflow);
        CrashMatrixReport report = await new CrashMatrix<TStage>(workflow, team, host) { CrashTwice = true }.RunAsync();
        Output.WriteLine($"silo restarts: {host.SiloRestarts}");
        return report;
    }
}
