using System;
using System.Collections.Generic;
using System.Linq;
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
        var console = new TestConsole().Width(140);

        console.Write(RunBoardTable.Render(board, start.AddSeconds(95)));

        string[] lines = console.Output.Split('\n');
        Assert.Contains(lines, line => line.Contains("SPEC_REVIEW", StringComparison.Ordinal) && line.Contains("completed", StringComparison.Ordinal) && line.Contains("00:30", StringComparison.Ordinal) && line.Contains(" 2 ", StringComparison.Ordinal));
        Assert.Contains(lines, line => line.Contains("└ RESEARCH [post_spec_review]", StringComparison.Ordinal) && line.Contains("running", StringComparison.Ordinal) && line.Contains("01:05", StringComparison.Ordinal));
        Assert.Contains(lines, line => line.Contains("└ TEST_STRATEGY [post_spec_review]", StringComparison.Ordinal) && line.Contains("failed", StringComparison.Ordinal) && line.Contains("agent timed out", StringComparison.Ordinal));
    }

    [Fact]
    public void Each_calls_tokens_add_up_on_its_stage_s_row_and_in_the_session_total_under_the_table()
    {
        var start = DateTimeOffset.UnixEpoch;
        var board = new RunBoard();
        board.Apply(new WorkflowEvent(WorkflowEventKind.StageStarted, start, "SPEC_REVIEW"));
        board.Apply(new WorkflowEvent(WorkflowEventKind.TokensUsed, start, "SPEC_REVIEW", Iteration: 1) { Agent = "ba", Tokens = new TokenUsage(1000, 234, 1234) });
        board.Apply(new WorkflowEvent(WorkflowEventKind.TokensUsed, start, "SPEC_REVIEW", Iteration: 1) { Agent = "reviewer", Tokens = new TokenUsage(900, 100, 1000) });
        board.Apply(new WorkflowEvent(WorkflowEventKind.StageStarted, start, "PLAN"));
        board.Apply(new WorkflowEvent(WorkflowEventKind.TokensUsed, start, "PLAN") { Agent = "pm", Tokens = new TokenUsage(500, 66, 566) });
        var console = new TestConsole().Width(160);

        console.Write(RunBoardTable.Render(board, start.AddSeconds(5)));

        Assert.Equal(2234, board.Rows.Single(row => row.Stage == "SPEC_REVIEW").Tokens);
        Assert.Equal(2800, board.Tokens);
        string[] lines = console.Output.Split('\n');
        Assert.Contains(lines, line => line.Contains("Tokens", StringComparison.Ordinal));
        Assert.Contains(lines, line => line.Contains("SPEC_REVIEW", StringComparison.Ordinal) && line.Contains("2,234", StringComparison.Ordinal));
        Assert.Contains(lines, line => line.Contains("PLAN", StringComparison.Ordinal) && line.Contains("566", StringComparison.Ordinal));
        Assert.Contains(lines, line => line.Contains("2,800 tokens this session", StringComparison.Ordinal));
    }

    [Fact]
    public void Group_members_running_at_once_each_show_their_own_streamed_text_on_their_own_row()
    {
        var start = DateTimeOffset.UnixEpoch;
        var board = new RunBoard();
        board.Apply(new WorkflowEvent(WorkflowEventKind.MemberStarted, start, "RESEARCH", "post_spec_review"));
        board.Apply(new WorkflowEvent(WorkflowEventKind.MemberStarted, start, "TEST_STRATEGY", "post_spec_review"));

        // The members' pieces arrive interleaved, as they do when both agents stream at once.
        foreach ((string stage, string agent, string piece) in new[]
        {
            ("RESEARCH", "builder-1", "Compare "), ("TEST_STRATEGY", "builder-2", "Unit tests "), ("RESEARCH", "builder-1", "three libraries"),
            ("TEST_STRATEGY", "builder-2", "for the exporter"),
        })
        {
            board.Apply(new WorkflowEvent(WorkflowEventKind.AgentStreamed, start, stage, "post_spec_review", Detail: piece) { Agent = agent });
        }

        string[] lines = Render(board, start.AddSeconds(3));

        string research = Assert.Single(lines, line => line.Contains("RESEARCH", StringComparison.Ordinal));
        string strategy = Assert.Single(lines, line => line.Contains("TEST_STRATEGY", StringComparison.Ordinal));
        Assert.Contains("running", research, StringComparison.Ordinal);
        Assert.Contains("builder-1: Compare three libraries", research, StringComparison.Ordinal);
        Assert.Contains("running", strategy, StringComparison.Ordinal);
        Assert.Contains("builder-2: Unit tests for the exporter", strategy, StringComparison.Ordinal);
        Assert.DoesNotContain(lines, line => line.Contains("builder-1", StringComparison.Ordinal) && line.Contains("builder-2", StringComparison.Ordinal));
    }

    [Fact]
    public void A_stage_s_parallel_agents_stream_on_lines_of_their_own_and_a_tool_call_shows_under_its_agent()
    {
        var start = DateTimeOffset.UnixEpoch;
        var board = new RunBoard();
        board.Apply(new WorkflowEvent(WorkflowEventKind.StageStarted, start, "IMPLEMENTATION"));
        board.Apply(new WorkflowEvent(WorkflowEventKind.AgentStreamed, start, "IMPLEMENTATION", Detail: "Writing the ") { Agent = "builder-1" });
        board.Apply(new WorkflowEvent(WorkflowEventKind.AgentStreamed, start, "IMPLEMENTATION", Detail: "Adding tests ") { Agent = "builder-2" });
        board.Apply(new WorkflowEvent(WorkflowEventKind.AgentStreamed, start, "IMPLEMENTATION", Detail: "exporter") { Agent = "builder-1" });
        board.Apply(new WorkflowEvent(WorkflowEventKind.ToolCalled, start, "IMPLEMENTATION", Detail: "write_file: wrote tests/ExportTests.cs") { Agent = "builder-2" });

        string[] lines = Render(board, start);

        Assert.Contains(lines, line => line.Contains("IMPLEMENTATION", StringComparison.Ordinal) && line.Contains("builder-1: Writing the exporter", StringComparison.Ordinal));
        Assert.Contains(lines, line => line.Contains("builder-2 > write_file: wrote tests/ExportTests.cs", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, line => line.Contains("builder-1", StringComparison.Ordinal) && line.Contains("builder-2", StringComparison.Ordinal));
    }

    [Fact]
    public void A_long_stream_shows_its_latest_lines_wrapped_at_spaces_and_the_verdict_once_it_ends()
    {
        var start = DateTimeOffset.UnixEpoch;
        var board = new RunBoard();
        string[] words = [.. Enumerable.Range(1, 200).Select(i => $"word{i}" + new string('x', i % 7))];
        board.Apply(new WorkflowEvent(WorkflowEventKind.StageStarted, start, "SPEC"));
        foreach (string word in words)
        {
            board.Apply(new WorkflowEvent(WorkflowEventKind.AgentStreamed, start, "SPEC", Detail: word + " ") { Agent = "ba" });
        }

        string[] detail = [.. Render(board, start).Select(DetailCell).Where(cell => cell.Length > 0 && cell != "Detail")];

        Assert.Equal(2, detail.Length);
        Assert.StartsWith("ba: ", detail[0], StringComparison.Ordinal);
        Assert.EndsWith(words[^1], detail[1], StringComparison.Ordinal);
        var whole = new HashSet<string>(words, StringComparer.Ordinal);
        Assert.All(string.Join(' ', detail)[4..].Split(' ', StringSplitOptions.RemoveEmptyEntries), shown => Assert.Contains(shown, whole));
        Assert.All(detail, cell => Assert.True(cell.Length <= RunBoardTable.DetailWidth, cell));

        board.Apply(new WorkflowEvent(WorkflowEventKind.ReviewIterationCompleted, start, "SPEC", Detail: "approved"));
        board.Apply(new WorkflowEvent(WorkflowEventKind.StageCompleted, start, "SPEC"));
        Assert.Equal(["approved"], Render(board, start).Select(DetailCell).Where(cell => cell.Length > 0 && cell != "Detail"));
    }

    [Theory]
    [InlineData("one two three four", 9, new[] { "one two", "three", "four" })]
    [InlineData("a verylongword b", 5, new[] { "a", "veryl", "ongwo", "rd b" })]
    [InlineData("  spaced\nout  ", 20, new[] { "spaced out" })]
    public void Word_wrap_breaks_at_spaces_and_splits_only_a_word_longer_than_a_line(string text, int width, string[] expected) =>
        Assert.Equal(expected, WordWrap.Lines(text, width));

    [Fact]
    public void A_stream_s_tail_starts_at_a_word() =>
        Assert.Equal("fox jumps", WordWrap.Tail("the quick brown fox jumps", 11));

    private static string[] Render(RunBoard board, DateTimeOffset now)
    {
        var console = new TestConsole().Width(160);
        console.Write(RunBoardTable.Render(board, now));
        return console.Output.Split('\n');
    }

    /// <summary>The text of a rendered row's last column.</summary>
    private static string DetailCell(string line)
    {
        string[] cells = line.Split('│');
        return cells.Length < 3 ? "" : cells[^2].Trim();
    }
}
