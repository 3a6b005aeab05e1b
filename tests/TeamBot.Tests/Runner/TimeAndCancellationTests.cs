using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Time.Testing;
using TeamBot.Execution;
using TeamBot.Rules;
using TeamBot.Tests.Fakes;

namespace TeamBot.Tests.Runner;

/// <summary>Time limits and cancellation act inside a stage, save the matching status, and never hang.</summary>
public sealed class TimeAndCancellationTests
{
    [Fact]
    public async Task A_stage_that_outlives_its_timeout_stops_the_run_with_timeout()
    {
        using var run = new TestRun();
        var time = new FakeTimeProvider();
        run.Team.Time = time;
        run.Team.Delays["SLOW"] = TimeSpan.FromHours(1);

        Task<WorkflowResult> running = run.RunAsync(Timed.Definition, new WorkflowRunnerOptions { TimeProvider = time });
        await RunnerTests.WaitUntilAsync(() => !run.Team.Calls.IsEmpty);
        time.Advance(TimeSpan.FromMinutes(11));
        WorkflowResult result = await running.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(RunStatus.Timeout, result.Status);
        Assert.Contains("timed out after 00:10:00", result.Error!, StringComparison.Ordinal);
        Assert.Equal("timeout", Status(run));
    }

    [Fact]
    public async Task The_run_budget_counts_elapsed_time_and_stops_a_stage_in_the_middle()
    {
        using var run = new TestRun();
        var time = new FakeTimeProvider();
        run.Team.Time = time;
        run.Team.Delays["SLOW"] = TimeSpan.FromHours(1);

        Task<WorkflowResult> running = run.RunAsync(Timed.Definition, new WorkflowRunnerOptions { TimeProvider = time, TimeBudget = TimeSpan.FromMinutes(5) });
        await RunnerTests.WaitUntilAsync(() => !run.Team.Calls.IsEmpty);
        time.Advance(TimeSpan.FromMinutes(6));
        WorkflowResult result = await running.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(RunStatus.Timeout, result.Status);
        Assert.Contains("time budget", result.Error!, StringComparison.Ordinal);
        using JsonDocument state = JsonDocument.Parse(File.ReadAllBytes(run.Store.StatePath));
        Assert.Equal("timeout", state.RootElement.GetProperty("status").GetString());
        Assert.Equal(300, state.RootElement.GetProperty("max_seconds").GetDouble());
        Assert.InRange(state.RootElement.GetProperty("elapsed_seconds").GetDouble(), 300, 400);
    }

    [Fact]
    public async Task Cancelling_inside_a_stage_saves_cancelled_and_resume_completes_without_rerunning_finished_stages()
    {
        using var run = new TestRun();
        run.Team.Gate("SPEC");
        using var cancel = new CancellationTokenSource();

        Task<WorkflowResult> running = run.RunAsync(Workflow.Definition, cancellationToken: cancel.Token);
        await RunnerTests.WaitUntilAsync(() => run.Team.StagesWorked().Contains("SPEC"));
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => running.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal("cancelled", Status(run));
        Assert.Contains(run.Progress.Events, e => e.Kind == WorkflowEventKind.RunStopped);

        run.Team.Gates.Clear();
        run.Team.Calls.Clear();
        WorkflowResult result = await run.Runner(Workflow.Definition).ResumeAsync(TestRun.Objective, run.Progress);

        Assert.Equal(RunStatus.Complete, result.Status);
        Assert.DoesNotContain("SETUP", run.Team.StagesWorked());
        Assert.DoesNotContain("BUSINESS_PROBLEM", run.Team.StagesWorked());
        Assert.Equal("SPEC", run.Team.StagesWorked().First());
    }

    [Fact]
    public async Task An_exhausted_budget_stops_a_resumed_run_before_any_stage()
    {
        using var run = new TestRun();
        var time = new FakeTimeProvider();
        run.Team.Time = time;
        run.Team.Delays["SLOW"] = TimeSpan.FromHours(1);
        var options = new WorkflowRunnerOptions { TimeProvider = time, TimeBudget = TimeSpan.FromMinutes(5) };
        Task<WorkflowResult> first = run.RunAsync(Timed.Definition, options);
        await RunnerTests.WaitUntilAsync(() => !run.Team.Calls.IsEmpty);
        time.Advance(TimeSpan.FromMinutes(6));
        await first.WaitAsync(TimeSpan.FromSeconds(10));
        run.Team.Calls.Clear();

        WorkflowResult again = await run.Runner(Timed.Definition, options).ResumeAsync(TestRun.Objective);
        Assert.Equal(RunStatus.Timeout, again.Status);
        Assert.Empty(run.Team.Calls);

        run.Team.Delays.Clear();
        WorkflowResult extended = await run.Runner(Timed.Definition, options).ResumeAsync(TestRun.Objective, timeBudget: TimeSpan.FromHours(1));
        Assert.Equal(RunStatus.Complete, extended.Status);
        Assert.InRange(extended.Elapsed.TotalMinutes, 6, 7);
    }

    private static string? Status(TestRun run)
    {
        using JsonDocument state = JsonDocument.Parse(File.ReadAllBytes(run.Store.StatePath));
        return state.RootElement.GetProperty("status").GetString();
    }
}
