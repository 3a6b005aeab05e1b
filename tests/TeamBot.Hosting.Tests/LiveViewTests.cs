using System;
using Spectre.Console.Testing;
using TeamBot.Execution;
using TeamBot.Hosting.Views;
using TeamBot.Rules;

namespace TeamBot.Hosting.Tests;

/// <summary>The live view's table, rendered on Spectre.Console's test console.</summary>
public sealed class LiveViewTests
{
    [Fact]
    public void A_running_parallel_group_shows_a_row_per_member_under_its_trigger()
    {
        var start = new DateTimeOffset(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);
        var board = new RunBoard();
        board.Apply(new WorkflowEvent(WorkflowEventKind.StageStarted, start, "SPEC_REVIEW"));
        board.Apply(new WorkflowEvent(WorkflowEventKind.ReviewIterationStarted, start, "SPEC_REVIEW", Iteration: 2));
        board.Apply(new WorkflowEvent(WorkflowEventKind.StageCompleted, start.AddSeconds(30), "SPEC_REVIEW"));
        board.Apply(new WorkflowEvent(WorkflowEventKind.GroupStarted, start.AddSeconds(30), Group: "post_spec_review"));
        board.Apply(new WorkflowEvent(WorkflowEventKind.MemberStarted, start.AddSeconds(30), "RESEARCH", "post_spec_review"));
        board.Apply(new WorkflowEvent(WorkflowEventKind.MemberStarted, start.AddSeconds(31), "TEST_STRATEGY", "post_spec_review"));
        board.Apply(new WorkflowEvent(WorkflowEventKind.MemberFailed, start.AddSeconds(40), "TEST_STRATEGY", "post_spec_review", Detail: "agent timed out"));
        var console = new TestConsole().Width(120);

        console.Write(RunBoardTable.Render(board, start.AddSeconds(95)));

        string[] lines = console.Output.Split('\n');
        Assert.Contains(lines, line => line.Contains("SPEC_REVIEW", StringComparison.Ordinal) && line.Contains("completed", StringComparison.Ordinal) && line.Contains("00:30", StringComparison.Ordinal) && line.Contains(" 2 ", StringComparison.Ordinal));
        Assert.Contains(lines, line => line.Contains("└ RESEARCH [post_spec_review]", StringComparison.Ordinal) && line.Contains("running", StringComparison.Ordinal) && line.Contains("01:05", StringComparison.Ordinal));
        Assert.Contains(lines, line => line.Contains("└ TEST_STRATEGY [post_spec_review]", StringComparison.Ordinal) && line.Contains("failed", StringComparison.Ordinal) && line.Contains("agent timed out", StringComparison.Ordinal));
    }

    [Fact]
    public void Streamed_text_shows_as_the_tail_of_the_running_stage_s_detail()
    {
        var start = DateTimeOffset.UnixEpoch;
        var board = new RunBoard();
        board.Apply(new WorkflowEvent(WorkflowEventKind.StageStarted, start, "SPEC"));

        board.AppendStreamed("SPEC", "# Spec\nThe export ");
        board.AppendStreamed("SPEC", new string('x', 100));
        board.AppendStreamed("PLAN", "ignored: not running");

        RunBoard.Row row = Assert.Single(board.Rows);
        Assert.Equal(new string('x', 60), row.Detail);
    }
}
