using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Orleans.Runtime;
using TeamBot.AcceptanceTests;
using TeamBot.Agents;
using TeamBot.Rules;

namespace TeamBot.Orleans.Tests;

/// <summary>
/// The agents of an in-process test cluster: every silo gets the same instance (silo configurators are created by
/// type), which records each call with its run, so tests can check concurrency and re-runs per run.
/// </summary>
internal sealed class ClusterTeam : IStageAgent
{
    private const string Spec = "# Spec\n\n## Acceptance Test Scenarios\n\n### AT-001: Works\n**Description**: It works.\n**Expected Result**: Yes.\n";
    private static readonly string[] GroupMembers = ["RESEARCH", "TEST_STRATEGY"];
    private readonly ConcurrentDictionary<string, int> _runningMembers = new();
    private long _sequence;

    public ConcurrentQueue<AgentCall> Calls { get; } = new();

    /// <summary>Gets the most group members of one run seen working at once.</summary>
    public ConcurrentDictionary<string, int> MaxMembersAtOnce { get; } = new();

    public TimeSpan Delay { get; set; } = TimeSpan.FromMilliseconds(30);

    /// <summary>Gets the stages whose work waits until the gate opens.</summary>
    public ConcurrentDictionary<string, TaskCompletionSource> Gates { get; } = new();

    /// <summary>Gets the stages whose first call hangs until it is cancelled, as a call to a worker whose silo died unnoticed.</summary>
    public ConcurrentDictionary<string, bool> HangOnce { get; } = new();

    /// <summary>Gets, by stage, how many more calls fail as the cluster would fail them (an <see cref="OrleansException"/>).</summary>
    public ConcurrentDictionary<string, int> ClusterRefusals { get; } = new();

    /// <summary>Gets or sets a value indicating whether each call reports its <see cref="ActivityOf"/> for the live view.</summary>
    public bool ReportsActivity { get; set; }

    /// <summary>Gets or sets the pause between a call's opening text and its tool call: longer than a batch, they travel apart.</summary>
    public TimeSpan ActivityPause { get; set; }

    /// <summary>
    /// Gets the stages whose first call reports <see cref="EarlyText"/>, works on for the given time without heeding its
    /// cancellation (its caller gives the attempt up meanwhile), reports <see cref="LateText"/>, and then gives up itself.
    /// </summary>
    public ConcurrentDictionary<string, TimeSpan> OutliveOnce { get; } = new();

    /// <summary>Gets a task that completes once an <see cref="OutliveOnce"/> call reported its late text and had time to send it.</summary>
    public TaskCompletionSource Outlived { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>
    /// Gets the stages whose first call works until it is cancelled, then takes the given time to stop (as an agent that
    /// must wind down a process), setting <see cref="SlowStopStarted"/> as it starts and <see cref="SlowStopEnded"/> as it ends.
    /// </summary>
    public ConcurrentDictionary<string, TimeSpan> StopSlowlyOnce { get; } = new();

    /// <summary>Gets a task that completes when a <see cref="StopSlowlyOnce"/> call has started.</summary>
    public TaskCompletionSource SlowStopStarted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Gets a task that completes when a <see cref="StopSlowlyOnce"/> call has stopped.</summary>
    public TaskCompletionSource SlowStopEnded { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public const string EarlyText = "abandoned attempt, early. ";

    public const string LateText = "abandoned attempt, late. ";

    /// <summary>Gets how many calls ended because their caller cancelled them.</summary>
    public int CancelledCalls => _cancelled;

    private int _cancelled;

    public async Task<AgentResponse> RunAsync(AgentRequest request, CancellationToken cancellationToken)
    {
        string run = Path.GetFileName(Path.GetDirectoryName(request.Context.ArtifactsDirectory)!);
        string stage = request.Context.Stage;
        Calls.Enqueue(new AgentCall(Interlocked.Increment(ref _sequence), run, stage, request.Task, request.AgentId, DateTimeOffset.UtcNow));
        if (ClusterRefusals.TryGetValue(stage, out int refusals) && refusals > 0 && ClusterRefusals.TryUpdate(stage, refusals - 1, refusals))
        {
            throw new OrleansException($"Simulated: the cluster refused a call of {stage}, as while its silos restart.");
        }

        bool member = GroupMembers.Contains(stage);
        if (member)
        {
            int now = _runningMembers.AddOrUpdate(run, 1, (_, n) => n + 1);
            MaxMembersAtOnce.AddOrUpdate(run, now, (_, max) => Math.Max(max, now));
        }

        try
        {
            if (OutliveOnce.TryRemove(stage, out TimeSpan outlive))
            {
                request.Activity?.Report(new AgentActivity(AgentActivityKind.Text, EarlyText));
                await Task.Delay(outlive, CancellationToken.None);
                request.Activity?.Report(new AgentActivity(AgentActivityKind.Text, LateText));

                // Long enough for the worker to send the late text on, had its batcher not been closed.
                await Task.Delay(TimeSpan.FromMilliseconds(500), CancellationToken.None);
                Outlived.TrySetResult();
                cancellationToken.ThrowIfCancellationRequested();
            }

            if (ReportsActivity)
            {
                AgentActivity[] activity = ActivityOf(stage, request.AgentId);
                foreach (AgentActivity report in activity.Take(3))
                {
                    request.Activity?.Report(report);
                }

                await Task.Delay(ActivityPause, cancellationToken);
                foreach (AgentActivity report in activity.Skip(3))
                {
                    request.Activity?.Report(report);
                }
            }

            if (StopSlowlyOnce.TryRemove(stage, out TimeSpan stopping))
            {
                SlowStopStarted.TrySetResult();
                try
                {
                    await Task.Delay(Timeout.Infinite, cancellationToken);
                }
                finally
                {
                    await Task.Delay(stopping, CancellationToken.None);
                    SlowStopEnded.TrySetResult();
                }
            }

            if (HangOnce.TryRemove(stage, out _))
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }

            if (Gates.TryGetValue(stage, out TaskCompletionSource? gate))
            {
                await gate.Task.WaitAsync(cancellationToken);
            }

            await Task.Delay(Delay, cancellationToken);
            return new AgentResponse
            {
                Output = request.Task == AgentTask.Review ? "VERIFIED_APPROVED: fine" : $"{stage} by {request.AgentId}",
                Artifacts = request.Context.RequiredArtifacts.ToDictionary(path => path, path => path == "feature_spec.md" ? Spec : $"# {path}\n"),
                ScenarioResults = request.Context.Scenarios.Select(s => new ScenarioResult(s.Id, ScenarioOutcome.Passed)).ToImmutableArray(),

                // The test command the acceptance stage wants behind the passes (its permissions let it run commands).
                ToolCalls = request.Task == AgentTask.RunAcceptanceTests ? [new ToolCall("run_command", "{\"program\":\"dotnet\"}", "exit code 0", Refused: false)] : [],
            };
        }
        catch (OperationCanceledException)
        {
            Interlocked.Increment(ref _cancelled);
            throw;
        }
        finally
        {
            if (member)
            {
                _runningMembers.AddOrUpdate(run, 0, (_, n) => n - 1);
            }
        }
    }

    /// <summary>What a call reports when <see cref="ReportsActivity"/>: its opening text in three deltas, a tool call, and a closing text.</summary>
    public static AgentActivity[] ActivityOf(string stage, string agent) =>
    [
        new(AgentActivityKind.Text, $"{stage} "),
        new(AgentActivityKind.Text, "by "),
        new(AgentActivityKind.Text, agent),
        new(AgentActivityKind.ToolCall, $"read_file {stage.ToLowerInvariant()}.md"),
        new(AgentActivityKind.Text, " done"),
    ];

    public IEnumerable<AgentCall> WorkCalls(string run) => Calls.Where(call => call.Run == run && call.Task == AgentTask.Work);
}

internal sealed record AgentCall(long Sequence, string Run, string Stage, AgentTask Task, string AgentId, DateTimeOffset At);
