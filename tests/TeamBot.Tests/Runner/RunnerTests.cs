using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using TeamBot.Agents;
using TeamBot.Execution;
using TeamBot.Rules;
using TeamBot.State;
using TeamBot.Tests.Fakes;
using TeamBot.Tests.Support;

namespace TeamBot.Tests.Runner;

/// <summary>What only the in-process runner does: the state file on disk and its lock. The rest is in <see cref="Hosts.RunBehaviour"/>.</summary>
public sealed class RunnerTests
{
    [Fact]
    public async Task A_full_run_leaves_a_state_file_in_the_python_format_and_no_temporary_files()
    {
        using var run = new TestRun();

        WorkflowResult result = await run.RunAsync(Workflow.Definition);

        Assert.Equal(RunStatus.Complete, result.Status);
        Assert.Equal(Workflow.Definition.StageOrder.Select(Workflow.Definition.GetStageName), result.CompletedStages);
        foreach (string artifact in Workflow.Definition.Stages.SelectMany(stage => stage.Artifacts))
        {
            Assert.True(File.Exists(Path.Combine(run.Directory, "artifacts", artifact)), $"{artifact} was not written");
        }

        using JsonDocument state = JsonDocument.Parse(File.ReadAllBytes(run.Store.StatePath));
        Assert.Equal("complete", state.RootElement.GetProperty("status").GetString());
        Assert.Equal("COMPLETE", state.RootElement.GetProperty("current_stage").GetString());
        Assert.True(state.RootElement.GetProperty("acceptance_tests_passed").GetBoolean());
        Assert.Equal("completed", state.RootElement.GetProperty("parallel_group_status").GetProperty("post_spec_review").GetProperty("stages").GetProperty("TEST_STRATEGY").GetProperty("status").GetString());
        Assert.Empty(Directory.GetFiles(run.Directory, "*.tmp"));
    }

    [Fact]
    public async Task Two_runners_cannot_run_the_same_state_at_once()
    {
        using var run = new TestRun();
        run.Team.Gate("SETUP");
        Task<WorkflowResult> first = run.RunAsync(Workflow.Definition);
        await TestSupport.WaitUntilAsync(() => !run.Team.Calls.IsEmpty);

        var ex = await Assert.ThrowsAsync<WorkflowStateLockedException>(() => run.Runner(Workflow.Definition).ResumeAsync(TestRun.Objective));
        Assert.Contains(run.Directory, ex.Message, StringComparison.Ordinal);

        run.Team.Gate("SETUP").SetResult();
        Assert.Equal(RunStatus.Complete, (await first).Status);
    }
}
