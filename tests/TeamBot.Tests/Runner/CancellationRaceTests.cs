using System;
using System.Threading;
using System.Threading.Tasks;
using TeamBot.Execution;
using TeamBot.Rules;
using TeamBot.State;
using TeamBot.Tests.Fakes;

namespace TeamBot.Tests.Runner;

/// <summary>Regression tests for Ctrl+C at the two moments that once went wrong.</summary>
public sealed class CancellationRaceTests
{
    [Fact]
    public async Task Cancelling_as_a_stage_completes_saves_a_cancelled_run_and_never_reports_a_stall()
    {
        // START's completion starts the group; cancelled at that instant, the group's members end at once without a
        // result, and the driver once took that for a stall and threw InvalidOperationException with a stack trace.
        using var run = new TestRun();
        using var cancel = new CancellationTokenSource();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run.Runner(Groups.Definition).RunAsync(TestRun.Objective, new CancelOn(WorkflowEventKind.StageCompleted, "START", cancel), cancel.Token));

        OrchestrationStateDocument saved = (await run.Store.LoadAsync(CancellationToken.None))!;
        Assert.Equal("cancelled", saved.Status);
        Assert.Equal(["START"], saved.CompletedStages);
    }

    [Fact]
    public async Task Cancelling_just_after_the_last_stage_reports_the_completed_run_not_a_cancellation()
    {
        using var run = new TestRun();
        using var cancel = new CancellationTokenSource();

        WorkflowResult result = await run.Runner(Workflow.Definition).RunAsync(TestRun.Objective, new CancelOn(WorkflowEventKind.RunCompleted, null, cancel), cancel.Token);

        Assert.True(cancel.IsCancellationRequested);
        Assert.Equal(RunStatus.Complete, result.Status);
        Assert.Equal("complete", (await run.Store.LoadAsync(CancellationToken.None))!.Status);
    }

    /// <summary>Cancels the run the moment a progress event arrives, as a Ctrl+C at that instant would.</summary>
    private sealed class CancelOn(WorkflowEventKind kind, string? stage, CancellationTokenSource cancel) : IProgress<WorkflowEvent>
    {
        public void Report(WorkflowEvent value)
        {
            if (value.Kind == kind && (stage is null || value.Stage == stage))
            {
                cancel.Cancel();
            }
        }
    }
}
