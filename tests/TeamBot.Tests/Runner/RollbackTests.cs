using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using TeamBot.Agents;
using TeamBot.Execution;
using TeamBot.Rules;
using TeamBot.State;
using TeamBot.Tests.Fakes;

namespace TeamBot.Tests.Runner;

/// <summary>
/// IMPLEMENTATION may write src/** (builder-1): work stopped half way is rolled back to its checkpoint before it runs
/// again, and the rollback never reaches out of the workspace.
/// </summary>
public sealed class RollbackTests
{
    [Fact]
    public async Task Work_stopped_half_way_starts_again_from_the_files_it_started_from()
    {
        using var run = new TestRun();
        Directory.CreateDirectory(Path.Combine(run.Directory, "src"));
        File.WriteAllText(Path.Combine(run.Directory, "src", "existing.cs"), "original");
        var agent = new HalfWayAgent(run.Team, (workspace, _) =>
        {
            File.WriteAllText(Path.Combine(workspace, "src", "existing.cs"), "changed");
            File.WriteAllText(Path.Combine(workspace, "src", "created.cs"), "new");
        });

        await StopAtImplementationThenResumeAsync(run, agent);

        Assert.Equal("original|(none)", agent.SeenOnResume);
        Assert.False(Directory.Exists(Path.Combine(run.Directory, ".checkpoints")) && Directory.GetDirectories(Path.Combine(run.Directory, ".checkpoints")).Length > 0);
    }

    [Fact]
    public async Task A_folder_the_work_replaced_by_a_link_stops_the_rollback_and_nothing_outside_the_workspace_is_touched()
    {
        using var run = new TestRun();
        using var outside = new TestRun();
        File.WriteAllText(Path.Combine(outside.Directory, "victim.cs"), "keep me");
        Directory.CreateDirectory(Path.Combine(run.Directory, "src"));
        File.WriteAllText(Path.Combine(run.Directory, "src", "existing.cs"), "original");
        var agent = new HalfWayAgent(run.Team, (workspace, _) =>
        {
            Directory.Delete(Path.Combine(workspace, "src"), recursive: true);
            Directory.CreateSymbolicLink(Path.Combine(workspace, "src"), outside.Directory);
        });

        WorkflowResult resumed = await StopAtImplementationThenResumeAsync(run, agent);

        Assert.Equal(RunStatus.Error, resumed.Status);
        Assert.Contains("goes through the link 'src'", resumed.Error, StringComparison.Ordinal);
        Assert.Equal("victim.cs", Path.GetFileName(Assert.Single(Directory.GetFiles(outside.Directory))));
        Assert.Equal("keep me", File.ReadAllText(Path.Combine(outside.Directory, "victim.cs")));
        Assert.Null(agent.SeenOnResume);
    }

    private static async Task<WorkflowResult> StopAtImplementationThenResumeAsync(TestRun run, HalfWayAgent agent)
    {
        var options = new WorkflowRunnerOptions { WorkingDirectory = run.Directory, RunDirectory = run.Directory };
        using var cancel = new CancellationTokenSource();
        agent.Stop = cancel;
        var runner = new WorkflowRunner<Stage>(Workflow.Definition, AgentRegistry.ForAll(agent), run.Store, options);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => runner.RunAsync(TestRun.Objective, cancellationToken: cancel.Token));
        return await runner.ResumeAsync(TestRun.Objective);
    }

    /// <summary>The fake team, but builder-1's first IMPLEMENTATION call changes files and then waits for the run to stop.</summary>
    private sealed class HalfWayAgent(FakeTeam team, Action<string, AgentRequest> change) : IStageAgent
    {
        private int _calls;

        public CancellationTokenSource? Stop { get; set; }

        public string? SeenOnResume { get; private set; }

        public async Task<AgentResponse> RunAsync(AgentRequest request, CancellationToken cancellationToken)
        {
            if (request.Context.Stage == "IMPLEMENTATION" && request.AgentId == "builder-1")
            {
                string workspace = request.Context.WorkingDirectory;
                if (Interlocked.Increment(ref _calls) == 1)
                {
                    change(workspace, request);
                    await Stop!.CancelAsync();
                    await Task.Delay(Timeout.Infinite, cancellationToken);
                }

                string existing = Path.Combine(workspace, "src", "existing.cs");
                string created = Path.Combine(workspace, "src", "created.cs");
                SeenOnResume = $"{(File.Exists(existing) ? File.ReadAllText(existing) : "(none)")}|{(File.Exists(created) ? File.ReadAllText(created) : "(none)")}";
            }

            return await team.RunAsync(request, cancellationToken);
        }
    }
}
