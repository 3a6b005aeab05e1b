using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using TeamBot.Execution;
using TeamBot.Rules;

namespace TeamBot.Hosting.Views;

/// <summary>What the console shows of a run: one row per stage, and one per group member while its group runs.</summary>
internal sealed class RunBoard
{
    private readonly Dictionary<string, Row> _rows = new(StringComparer.Ordinal);
    private readonly List<string> _order = [];
    private readonly Lock _gate = new();

    /// <summary>The state shown in a row.</summary>
    public enum RowState
    {
        /// <summary>Running now.</summary>
        Running,

        /// <summary>Completed.</summary>
        Completed,

        /// <summary>Failed.</summary>
        Failed,

        /// <summary>Skipped (optional).</summary>
        Skipped,
    }

    /// <summary>Gets the rows in the order their stages started.</summary>
    public IReadOnlyList<Row> Rows
    {
        get
        {
            lock (_gate)
            {
                return _order.Select(stage => _rows[stage]).ToArray();
            }
        }
    }

    /// <summary>Gets the tokens this session's agent calls used so far.</summary>
    public long Tokens
    {
        get
        {
            lock (_gate)
            {
                return _tokens;
            }
        }
    }

    private long _tokens;

    /// <summary>Takes one progress event into the board.</summary>
    public void Apply(WorkflowEvent @event)
    {
        ArgumentNullException.ThrowIfNull(@event);
        if (@event.Stage is not { } stage)
        {
            return;
        }

        lock (_gate)
        {
            _tokens += @event.Tokens?.TotalTokens ?? 0;
            Row row = Get(stage, @event);
            _rows[stage] = @event.Kind switch
            {
                WorkflowEventKind.StageStarted or WorkflowEventKind.MemberStarted => row with { State = RowState.Running, Started = @event.Timestamp, Group = @event.Group ?? row.Group, Activity = [] },
                WorkflowEventKind.StageCompleted or WorkflowEventKind.MemberCompleted => row with { State = RowState.Completed, Finished = @event.Timestamp, Activity = [] },
                WorkflowEventKind.StageFailed or WorkflowEventKind.MemberFailed => row with { State = RowState.Failed, Finished = @event.Timestamp, Detail = @event.Detail, Activity = [] },
                WorkflowEventKind.StageSkipped => row with { State = RowState.Skipped, Started = @event.Timestamp, Finished = @event.Timestamp },
                WorkflowEventKind.ReviewIterationStarted or WorkflowEventKind.AcceptanceRunStarted => row with { Iterations = @event.Iteration ?? row.Iterations, Activity = [] },
                WorkflowEventKind.ReviewIterationCompleted or WorkflowEventKind.AcceptanceRunCompleted => row with { Detail = @event.Detail },
                WorkflowEventKind.AgentStreamed when row.State == RowState.Running => row with { Activity = Streamed(row.Activity, @event.Agent, @event.Detail ?? "") },
                WorkflowEventKind.ToolCalled when row.State == RowState.Running => row with { Activity = With(row.Activity, new AgentActivityLine(@event.Agent ?? "", @event.Detail ?? "", IsToolCall: true)) },
                WorkflowEventKind.TokensUsed => row with { Tokens = row.Tokens + (@event.Tokens?.TotalTokens ?? 0) },
                _ => row,
            };
        }
    }

    /// <summary>How much of an agent's streamed answer a row keeps: more than the live view shows, and never the whole answer.</summary>
    private const int StreamTail = 400;

    /// <summary>The activity with <paramref name="text"/> added to what <paramref name="agent"/> streamed last; a tool call's line is replaced.</summary>
    private static ImmutableArray<AgentActivityLine> Streamed(ImmutableArray<AgentActivityLine> activity, string? agent, string text)
    {
        string name = agent ?? "";
        string sofar = activity.FirstOrDefault(line => line.Agent == name) is { IsToolCall: false } last ? last.Text : "";
        return With(activity, new AgentActivityLine(name, WordWrap.Tail(sofar + text, StreamTail), IsToolCall: false));
    }

    /// <summary>The activity with <paramref name="line"/> in place of its agent's line, each agent keeping its place.</summary>
    private static ImmutableArray<AgentActivityLine> With(ImmutableArray<AgentActivityLine> activity, AgentActivityLine line)
    {
        for (int i = 0; i < activity.Length; i++)
        {
            if (activity[i].Agent == line.Agent)
            {
                return activity.SetItem(i, line);
            }
        }

        return activity.Add(line);
    }

    private Row Get(string stage, WorkflowEvent @event)
    {
        if (!_rows.TryGetValue(stage, out Row? row))
        {
            row = new Row(stage, @event.Group, RowState.Running, @event.Timestamp, null, 0, null);
            _rows.Add(stage, row);
            _order.Add(stage);
        }

        return row;
    }

    /// <summary>What one agent of a running stage did last.</summary>
    /// <param name="Agent">The agent.</param>
    /// <param name="Text">The end of its streamed answer so far, or its last tool call.</param>
    /// <param name="IsToolCall">Whether <paramref name="Text"/> is a tool call.</param>
    public sealed record AgentActivityLine(string Agent, string Text, bool IsToolCall);

    /// <summary>One stage or group member.</summary>
    /// <param name="Stage">The stage's persisted name.</param>
    /// <param name="Group">The parallel group it belongs to, if any.</param>
    /// <param name="State">Its state.</param>
    /// <param name="Started">When it started.</param>
    /// <param name="Finished">When it finished.</param>
    /// <param name="Iterations">Review iterations or acceptance-test runs so far.</param>
    /// <param name="Detail">The latest verdict, test summary or error.</param>
    public sealed record Row(string Stage, string? Group, RowState State, DateTimeOffset Started, DateTimeOffset? Finished, int Iterations, string? Detail)
    {
        /// <summary>Gets what each agent of the running stage did last, one line per agent: a stage's parallel agents (the builders) never share one.</summary>
        public ImmutableArray<AgentActivityLine> Activity { get; init; } = [];

        /// <summary>Gets the tokens the stage's agent calls used in this session.</summary>
        public long Tokens { get; init; }

        /// <summary>The time the row has taken by <paramref name="now"/>.</summary>
        public TimeSpan Elapsed(DateTimeOffset now) => (Finished ?? now) - Started;
    }
}
