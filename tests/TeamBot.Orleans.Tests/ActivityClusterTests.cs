using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Orleans.TestingHost;
using TeamBot.Agents;
using TeamBot.Execution;
using TeamBot.Orleans.Contracts;
using TeamBot.Orleans.Grains;
using TeamBot.Orleans.Hosting;
using TeamBot.Orleans.Storage;
using TeamBot.Rules;

namespace TeamBot.Orleans.Tests;

/// <summary>The agents' activity on worker silos reaches the run's live view as it does in a process.</summary>
[Collection(nameof(SharedClusterState))]
public sealed class ActivityClusterTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(1);

    [Fact]
    public async Task A_watcher_sees_each_agents_streamed_text_and_tool_calls_in_order_under_its_stage_before_the_stage_completes()
    {
        // The pause is longer than a batch: a call's tool call and closing text travel in a later batch than its opening.
        SharedCluster.Team = new ClusterTeam { ReportsActivity = true, ActivityPause = TimeSpan.FromMilliseconds(150), Delay = TimeSpan.Zero };
        SharedCluster.Backend = new InMemoryJsonStateBackend();
        SharedCluster.MaxConcurrency = null;
        await using TestCluster cluster = await SharedCluster.StartAsync();
        var client = new TeamBotClusterClient(cluster.Client) { PollInterval = TimeSpan.FromMilliseconds(50) };
        const string Run = "activity-run";
        var watched = new RecordedEvents();

        await client.SubmitAsync(ClusterTests.Objective(Run), Run);
        RunProgress end = await client.WatchAsync(Run, watched).WaitAsync(Patience);

        Assert.Equal(RunStatus.Complete, end.Status);
        IReadOnlyList<WorkflowEvent> events = watched.Events;
        var calls = SharedCluster.Team.Calls.Where(call => call.Run == Run).GroupBy(call => (call.Stage, Agent: call.AgentId)).ToList();
        Assert.Contains(calls, group => group.Key.Stage == "RESEARCH");
        Assert.Equal(
            calls.Select(group => group.Key).Order(),
            events.Where(e => e.Kind is WorkflowEventKind.AgentStreamed or WorkflowEventKind.ToolCalled).Select(e => (e.Stage!, e.Agent!)).Distinct().Order());
        foreach (var group in calls)
        {
            // Each call of this agent on this stage reported the same activity; the calls of one agent ran one after another.
            AgentActivity[] reported = [.. Enumerable.Repeat(ClusterTeam.ActivityOf(group.Key.Stage, group.Key.Agent), group.Count()).SelectMany(activity => activity)];
            IEnumerable<WorkflowEvent> ofAgent = events.Where(e => e.Stage == group.Key.Stage && e.Agent == group.Key.Agent);
            Assert.Equal(RecordedEvents.Joined(reported), RecordedEvents.Joined(RecordedEvents.Activity(ofAgent)));
        }

        // No activity comes after its stage's result: the worker sends its last batch before its answer.
        for (int i = 0; i < events.Count; i++)
        {
            if (events[i].Kind is WorkflowEventKind.AgentStreamed or WorkflowEventKind.ToolCalled)
            {
                int completed = events.ToList().FindIndex(e => e.Kind is WorkflowEventKind.StageCompleted or WorkflowEventKind.MemberCompleted && e.Stage == events[i].Stage);
                Assert.True(completed > i, $"{events[i]} came after its stage completed");
            }
        }

        // The text deltas a call reports at once travel joined.
        int deltas = calls.Sum(group => group.Count() * ClusterTeam.ActivityOf(group.Key.Stage, group.Key.Agent).Count(report => report.Kind == AgentActivityKind.Text));
        Assert.True(events.Count(e => e.Kind == WorkflowEventKind.AgentStreamed) < deltas, "no text deltas were joined");
    }

    [Fact]
    public async Task The_activity_of_an_attempt_given_up_on_stops_with_it_and_the_next_attempts_follows()
    {
        // SETUP's first call outlives its attempt (5 s, long enough that no other call of a loaded machine does) by a
        // second, then reports again: that report must not show.
        SharedCluster.Team = new ClusterTeam { ReportsActivity = true };
        SharedCluster.Team.OutliveOnce["SETUP"] = TimeSpan.FromSeconds(6);
        SharedCluster.Backend = new InMemoryJsonStateBackend();
        SharedCluster.MaxConcurrency = null;
        SharedCluster.WorkAttemptTimeout = TimeSpan.FromSeconds(5);
        try
        {
            await using TestCluster cluster = await SharedCluster.StartAsync();
            var client = new TeamBotClusterClient(cluster.Client) { PollInterval = TimeSpan.FromMilliseconds(50) };
            const string Run = "abandoned-activity-run";

            await client.SubmitAsync(ClusterTests.Objective(Run), Run);
            Assert.Equal(RunStatus.Complete, (await client.WatchAsync(Run).WaitAsync(Patience)).Status);
            await SharedCluster.Team.Outlived.Task.WaitAsync(Patience);
            var watched = new RecordedEvents();
            await client.WatchAsync(Run, watched).WaitAsync(Patience);

            Assert.Equal(2, SharedCluster.Team.WorkCalls(Run).Count(call => call.Stage == "SETUP"));
            IEnumerable<WorkflowEvent> setup = watched.Events.Where(e => e.Stage == "SETUP" && e.Agent == "pm");
            AgentActivity[] shown = [new(AgentActivityKind.Text, ClusterTeam.EarlyText), .. ClusterTeam.ActivityOf("SETUP", "pm")];
            Assert.Equal(RecordedEvents.Joined(shown), RecordedEvents.Joined(RecordedEvents.Activity(setup)));
            Assert.DoesNotContain(watched.Events, e => e.Detail?.Contains(ClusterTeam.LateText, StringComparison.Ordinal) == true);
        }
        finally
        {
            SharedCluster.WorkAttemptTimeout = null;
        }
    }

    [Fact]
    public async Task An_observer_that_fails_does_not_fail_the_agent_call_and_is_sent_nothing_more()
    {
        // The pause puts the tool call and closing text in a second batch, which must not be tried after the first failed.
        SharedCluster.Team = new ClusterTeam { ReportsActivity = true, ActivityPause = TimeSpan.FromMilliseconds(300) };
        SharedCluster.Backend = new InMemoryJsonStateBackend();
        SharedCluster.MaxConcurrency = null;
        await using TestCluster cluster = await SharedCluster.StartAsync(silos: 1);
        var failing = new FailingObserver();
        IAgentActivityObserver observer = cluster.Client.CreateObjectReference<IAgentActivityObserver>(failing);
        string directory = Path.Combine(SharedCluster.RunsDirectory, "observer-failure");
        var request = new AgentRequest("pm", AgentTask.Work, new StageContext { Stage = "SETUP", StageName = "Setup", WorkingDirectory = directory, ArtifactsDirectory = Path.Combine(directory, "artifacts") });

        AgentResponse response = await cluster.Client.GetGrain<IAgentWorkerGrain>(Guid.NewGuid()).RunAsync(request, null, observer, CancellationToken.None).WaitAsync(Patience);

        Assert.Equal("SETUP by pm", response.Output);
        Assert.Equal(1, failing.Calls);
        cluster.Client.DeleteObjectReference<IAgentActivityObserver>(observer);
        GC.KeepAlive(failing);
    }

    /// <summary>An observer whose silo is in trouble: every batch fails.</summary>
    private sealed class FailingObserver : IAgentActivityObserver
    {
        private int _calls;

        public int Calls => Volatile.Read(ref _calls);

        public Task ReportAsync(AgentActivity[] batch)
        {
            Interlocked.Increment(ref _calls);
            throw new InvalidOperationException("the run's silo is gone");
        }
    }
}
