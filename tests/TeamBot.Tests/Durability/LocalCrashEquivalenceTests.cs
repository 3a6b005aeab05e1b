using System;
using System.Threading.Tasks;
using TeamBot.Definitions;
using TeamBot.Testing;
using Xunit.Abstractions;

namespace TeamBot.Tests.Durability;

/// <summary>The crash matrix on the in-process host (file store).</summary>
public sealed class LocalCrashEquivalenceTests(ITestOutputHelper output) : CrashEquivalenceBehaviour(output)
{
    protected override string HostName => "local";

    private protected override async Task<CrashMatrixReport> RunMatrixAsync<TStage>(IWorkflowDefinition<TStage> workflow, ScriptedTeam team)
    {
        using var host = new LocalCrashTestHost<TStage>(workflow);
        return await new CrashMatrix<TStage>(workflow, team, host) { CrashTwice = true }.RunAsync();
    }
}
