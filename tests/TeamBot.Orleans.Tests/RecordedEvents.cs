using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using TeamBot.Agents;
using TeamBot.Execution;
using TeamBot.Rules;

namespace TeamBot.Orleans.Tests;

/// <summary>The events a watcher was told, in the order it was told them.</summary>
internal sealed class RecordedEvents : IProgress<WorkflowEvent>
{
    private readonly Lock _gate = new();
    private readonly List<WorkflowEvent> _events = [];

    public IReadOnlyList<WorkflowEvent> Events
    {
        get
        {
            lock (_gate)
            {
                return [.. _events];
            }
        }
    }

    public void Report(WorkflowEvent value)
    {
        lock (_gate)
        {
            _events.Add(value);
        }
    }

    /// <summary>The agent activity among <paramref name="events"/>, as the agent reported it.</summary>
    public static IEnumerable<AgentActivity> Activity(IEnumerable<WorkflowEvent> events) => events
        .Where(e => e.Kind is WorkflowEventKind.AgentStreamed or WorkflowEventKind.ToolCalled)
        .Select(e => new AgentActivity(e.Kind == WorkflowEventKind.ToolCalled ? AgentActivityKind.ToolCall : AgentActivityKind.Text, e.Detail ?? ""));

    /// <summary>
    /// <paramref name="activity"/> with each run of text deltas joined: what the activity says, however the batches cut
    /// the text.
    /// </summary>
    public static IReadOnlyList<AgentActivity> Joined(IEnumerable<AgentActivity> activity)
    {
        var joined = new List<AgentActivity>();
        foreach (AgentActivity report in activity)
        {
            if (report.Kind == AgentActivityKind.Text && joined.Count > 0 && joined[^1].Kind == AgentActivityKind.Text)
            {
                joined[^1] = joined[^1] with { Text = joined[^1].Text + report.Text };
            }
            else
            {
                joined.Add(report);
            }
        }

        return joined;
    }
}
