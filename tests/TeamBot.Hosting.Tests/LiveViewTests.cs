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
    public void Streamed_text_shows_as_the_tail_of_the_running_stage_s_detail_and_a_tool_call_under_its_agent()
    {
        var start = DateTimeOffset.UnixEpoch;
        var board = new RunBoard();
        board.Apply(new WorkflowEvent(WorkflowEventKind.StageStarted, start, "SPEC"));
        board.Apply(new WorkflowEvent(WorkflowEventKind.StageStarted, start, "PLAN"));
        board.Apply(new WorkflowEvent(WorkflowEventKind.StageCompleted, start, "PLAN"));

        board.Apply(new WorkflowEvent(WorkflowEventKind.AgentStreamed, start, "SPEC", Detail: "# Spec\nThe export ") { Agent = "ba" });
        board.Apply(new WorkflowEvent(WorkflowEventKind.AgentStreamed, start, "SPEC", Detail: new string('x', 100)) { Agent = "ba" });
        board.Apply(new WorkflowEvent(WorkflowEventKind.AgentStreamed, start, "PLAN", Detail: "ignored: not running") { Agent = "pm" });
        Assert.Equal(new string('x', 60), board.Rows[0].Detail);
        Assert.Null(board.Rows[1].Detail);

        board.Apply(new WorkflowEvent(WorkflowEventKind.ToolCalled, start, "SPEC", Detail: "write_file: wrote docs/spec.md") { Agent = "ba" });
        Assert.Equal("ba > write_file: wrote docs/spec.md", board.Rows[0].Detail);
    }
}
