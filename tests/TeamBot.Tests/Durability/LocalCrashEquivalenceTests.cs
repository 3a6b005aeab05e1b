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

    /// <summary>
    /// Work in flight at a crash had already changed the workspace; rolled back to its checkpoint before it runs again,
    /// every resumed run's workspace equals the uncrashed run's, file by file. Only this host gives each run its own
    /// workspace (the cluster's silos share one folder).
    /// </summary>
    [Fact]
    public Task Delivery_workflow_whose_agents_write_the_workspace() => CheckAsync(Workflow.Definition, CrashWorkloads.FileWritingDelivery(), nameof(CrashWorkloads.FileWritingDelivery));

    private protected override async Task<CrashMatrixReport> RunMatrixAsync<TStage>(IWorkflowDefinition<TStage> workflow, ScriptedTeam team)
    {
        using var host = new LocalCrashTestHost<TStage>(workflow);
        return await new CrashMatrix<TStage>(workflow, team, host) { CrashTwice = true }.RunAsync();
    }
}
