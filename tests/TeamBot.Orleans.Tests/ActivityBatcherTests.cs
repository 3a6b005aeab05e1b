using System;
using System.Collections.Concurrent;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging.Abstractions;
using TeamBot.Agents;
using TeamBot.Orleans.Grains;
using TeamBot.Orleans.Hosting;

namespace TeamBot.Orleans.Tests;

/// <summary>How a worker batches its agent's activity, and how one attempt's end passes it on.</summary>
public sealed class ActivityBatcherTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Reports_made_while_a_batch_is_in_flight_go_next_in_order_with_their_text_deltas_joined_and_closing_waits_for_them()
    {
        var observer = new HeldObserver();
        var batcher = new ActivityBatcher(observer, NullLogger.Instance, "builder-1", "IMPLEMENTATION");

        batcher.Report(Text("first"));
        await observer.FirstBatch.Task.WaitAsync(Patience);
        batcher.Report(Text("a"));
        batcher.Report(Text("b"));
        batcher.Report(new AgentActivity(AgentActivityKind.ToolCall, "edit_file src/a.cs"));
        batcher.Report(Text("c"));
        batcher.Report(Text("d"));
        Task closed = batcher.CloseAsync(deliver: true);
        batcher.Report(Text("after the answer"));
        Assert.False(closed.IsCompleted);
        observer.Release.SetResult();
        await closed.WaitAsync(Patience);

        Assert.Equal(
            [[Text("first")], [Text("ab"), new AgentActivity(AgentActivityKind.ToolCall, "edit_file src/a.cs"), Text("cd")]],
            observer.Batches.ToArray());
    }

    [Fact]
    public async Task Closing_without_delivery_drops_what_is_pending()
    {
        var observer = new HeldObserver();
        var batcher = new ActivityBatcher(observer, NullLogger.Instance, "builder-1", "IMPLEMENTATION");

        // With a batch in flight, what is reported next waits for it whatever the time: no slow test thread can let it go.
        batcher.Report(Text("first"));
        await observer.FirstBatch.Task.WaitAsync(Patience);
        batcher.Report(Text("dropped"));
        Task closed = batcher.CloseAsync(deliver: false);
        observer.Release.SetResult();
        await closed.WaitAsync(Patience);
        await Task.Delay(ActivityBatcher.Interval * 3);

        Assert.Equal([[Text("first")]], observer.Batches.ToArray());
    }

    [Fact]
    public async Task A_closed_attempt_passes_on_nothing_more()
    {
        var reported = new ConcurrentQueue<AgentActivity>();
        var attempt = new AttemptActivity(new Progress(reported.Enqueue));

        await attempt.ReportAsync([Text("before")]);
        attempt.Close();
        await attempt.ReportAsync([Text("after")]);

        Assert.Equal([Text("before")], reported.ToArray());
    }

    private static AgentActivity Text(string text) => new(AgentActivityKind.Text, text);

    /// <summary>Takes batches as a run silo would, but holds its answer to the first until released.</summary>
    private sealed class HeldObserver : IAgentActivityObserver
    {
        public ConcurrentQueue<AgentActivity[]> Batches { get; } = new();

        public TaskCompletionSource FirstBatch { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task ReportAsync(AgentActivity[] batch)
        {
            Batches.Enqueue(batch);
            FirstBatch.TrySetResult();
            return Release.Task;
        }
    }

    /// <summary>An <see cref="IProgress{T}"/> that reports on the caller's thread, unlike <see cref="Progress{T}"/>.</summary>
    private sealed class Progress(Action<AgentActivity> report) : IProgress<AgentActivity>
    {
        public void Report(AgentActivity value) => report(value);
    }
}
