using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Time.Testing;
using TeamBot.Agents;
using TeamBot.Tests.Support;

namespace TeamBot.Hosting.Tests;

/// <summary>The offline agent's pace: a pause per call on the injected clock, streaming its answer, never changing it.</summary>
public sealed class OfflinePaceTests
{
    private static readonly StageContext Research = new()
    {
        Stage = "RESEARCH",
        StageName = "Research",
        WorkingDirectory = Path.GetTempPath(),
        ArtifactsDirectory = Path.GetTempPath(),
        RequiredArtifacts = ["research.md"],
        ExitCriteria = ["The options are compared"],
        Description = "Compare the ways the export could be built, with their costs and risks for the team.",
    };

    [Fact]
    public async Task A_paced_call_waits_on_the_clock_streams_its_document_and_answers_as_an_unpaced_one()
    {
        var time = new WaitRecordingClock();
        DateTimeOffset start = time.GetUtcNow();
        var streamed = new Pieces();
        AgentResponse unpaced = await new OfflineAgent().RunAsync(new AgentRequest("builder-1", AgentTask.Work, Research), CancellationToken.None);

        Task<AgentResponse> paced = new OfflineAgent { Pace = TimeSpan.FromSeconds(1), TimeProvider = time }
            .RunAsync(new AgentRequest("builder-1", AgentTask.Work, Research) { Activity = streamed }, CancellationToken.None);
        await AdvanceUntilDoneAsync(time, paced);

        AgentResponse response = await paced;
        Assert.Equal(unpaced.Output, response.Output);
        Assert.Equal(unpaced.Artifacts, response.Artifacts);
        Assert.True(streamed.Texts.Count > 1, "the answer comes in pieces");
        Assert.Equal(unpaced.Artifacts["research.md"], string.Concat(streamed.Texts));

        // What the agent asked the clock for, not when its pieces were seen: the test's thread moves the clock on
        // while the agent's continuations wait for a thread, so observed times drift on a busy machine.
        Assert.Equal(streamed.Texts.Count, time.Waits.Count);
        TimeSpan paused = time.Paused;
        Assert.InRange(paused, TimeSpan.FromSeconds(0.5), TimeSpan.FromSeconds(1.5));
        Assert.True(time.GetUtcNow() - start >= paused, "the call ended only once the clock had moved on by its whole pause");
    }

    [Fact]
    public async Task The_pause_is_the_same_for_the_same_call_and_differs_between_a_group_s_members()
    {
        async Task<TimeSpan> Paused(string stage)
        {
            var time = new WaitRecordingClock();
            Task<AgentResponse> call = new OfflineAgent { Pace = TimeSpan.FromSeconds(1), TimeProvider = time }
                .RunAsync(new AgentRequest("builder-1", AgentTask.Work, Research with { StageName = stage }) { Activity = new Pieces() }, CancellationToken.None);
            await AdvanceUntilDoneAsync(time, call);
            return time.Paused;
        }

        Assert.Equal(await Paused("Research"), await Paused("Research"));
        Assert.NotEqual(await Paused("Research"), await Paused("Test Strategy"));
    }

    [Fact]
    public async Task A_paced_call_stops_when_cancelled()
    {
        using var cancel = new CancellationTokenSource();
        var agent = new OfflineAgent { Pace = TimeSpan.FromSeconds(1), TimeProvider = new FakeTimeProvider() };

        Task<AgentResponse> call = agent.RunAsync(new AgentRequest("builder-1", AgentTask.Work, Research), cancel.Token);
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
    }

    [Theory]
    [InlineData(null, true, 1000)]
    [InlineData(null, false, 0)]
    [InlineData(250, false, 250)]
    [InlineData(0, true, 0)]
    public void Auto_is_a_watchable_pace_on_the_live_view_and_none_elsewhere(int? givenMs, bool live, int expectedMs) =>
        Assert.Equal(TimeSpan.FromMilliseconds(expectedMs), Commands.OfflinePaceOption.Resolve(givenMs is { } ms ? TimeSpan.FromMilliseconds(ms) : null, live));

    /// <summary>
    /// Moves the fake clock on in small steps until the call is done. Its pieces go on from the thread pool, which a busy
    /// machine may be slow to give, so the steps are bounded by real time, not by a count.
    /// </summary>
    private static Task AdvanceUntilDoneAsync(FakeTimeProvider time, Task call) =>
        TestSupport.WaitUntilAsync(
            () =>
            {
                time.Advance(TimeSpan.FromMilliseconds(50));
                return call.IsCompleted;
            },
            "the paced call to end");

    /// <summary>Collects streamed pieces as they come.</summary>
    private sealed class Pieces : IProgress<AgentActivity>
    {
        private readonly Lock _gate = new();

        public List<string> Texts { get; } = [];

        public void Report(AgentActivity value)
        {
            lock (_gate)
            {
                Texts.Add(value.Text);
            }
        }
    }

    /// <summary>A fake clock that keeps every wait it is asked for, so the pause is known exactly, however late the test sees it end.</summary>
    private sealed class WaitRecordingClock : FakeTimeProvider
    {
        private readonly Lock _gate = new();
        private readonly List<TimeSpan> _waits = [];

        public IReadOnlyList<TimeSpan> Waits
        {
            get
            {
                lock (_gate)
                {
                    return [.. _waits];
                }
            }
        }

        public TimeSpan Paused => Waits.Aggregate(TimeSpan.Zero, (sum, wait) => sum + wait);

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            lock (_gate)
            {
                _waits.Add(dueTime);
            }

            return base.CreateTimer(callback, state, dueTime, period);
        }
    }
}
