using System;
using System.Collections.Generic;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using TeamBot.Agents;

namespace TeamBot.Orleans.Grains;

/// <summary>
/// The agent's <see cref="AgentRequest.Activity"/> on a worker: what it reports goes to the caller's observer a batch
/// at a time, so a streaming agent costs a message every <see cref="Interval"/> rather than one per token, and
/// <see cref="Report"/> never waits on the network. One batch is in flight at a time: the order holds, and a slow run
/// silo makes the batches grow rather than the calls pile up. The first batch that fails ends the forwarding for this
/// call: the activity only feeds the live view, a run silo that died has none left to feed, and the agent's work must
/// not suffer for it.
/// </summary>
internal sealed partial class ActivityBatcher(IAgentActivityObserver observer, ILogger logger, string agent, string stage) : IProgress<AgentActivity>
{
    /// <summary>How long reports gather before they are sent: the live view's latency, against a message per token.</summary>
    internal static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(100);

    private readonly Lock _gate = new();
    private readonly List<AgentActivity> _pending = [];

    // The text deltas since the last tool call: joined, they make one activity of the batch.
    private readonly StringBuilder _text = new();
    private readonly TaskCompletionSource _closing = new(TaskCreationOptions.RunContinuationsAsynchronously);

    // Set while anything is pending or in flight; the first report after it ends starts it again.
    private Task? _sending;
    private bool _closed;

    public void Report(AgentActivity value)
    {
        ArgumentNullException.ThrowIfNull(value);
        lock (_gate)
        {
            // A report after the call's answer (an agent's stray background work) would reach the view after the result.
            if (_closed)
            {
                return;
            }

            if (value.Kind == AgentActivityKind.Text)
            {
                _text.Append(value.Text);
            }
            else
            {
                EndText();
                _pending.Add(value);
            }

            // On the thread pool: off the agent's thread, and off the worker grain's turn, which this may outlive.
            _sending ??= Task.Run(SendAsync);
        }
    }

    /// <summary>
    /// Ends the forwarding. With <paramref name="deliver"/>, what is left is sent and the task ends once the observer
    /// took it, so the caller has all of the call's activity before its answer. Without, what is left is dropped and
    /// nothing is waited for: a batch in flight to a caller that stopped listening may only end in its timeout.
    /// </summary>
    public Task CloseAsync(bool deliver)
    {
        Task? sending;
        lock (_gate)
        {
            _closed = true;
            if (!deliver)
            {
                Drop();
            }

            sending = _sending;
        }

        _closing.TrySetResult();
        return deliver ? sending ?? Task.CompletedTask : Task.CompletedTask;
    }

    private async Task SendAsync()
    {
        while (true)
        {
            // Closing sends what is left at once rather than at the next tick.
            await Task.WhenAny(Task.Delay(Interval), _closing.Task).ConfigureAwait(false);
            AgentActivity[] batch;
            lock (_gate)
            {
                EndText();
                if (_pending.Count == 0)
                {
                    _sending = null;
                    return;
                }

                batch = [.. _pending];
                _pending.Clear();
            }

            try
            {
                await observer.ReportAsync(batch).ConfigureAwait(false);
            }
#pragma warning disable CA1031 // Whatever kept the batch from the run's silo, the agent's call goes on without its live view.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                LogDropped(logger, ex, stage, agent);
                lock (_gate)
                {
                    _closed = true;
                    Drop();
                    _sending = null;
                }

                return;
            }
        }
    }

    private void EndText()
    {
        if (_text.Length > 0)
        {
            _pending.Add(new AgentActivity(AgentActivityKind.Text, _text.ToString()));
            _text.Clear();
        }
    }

    private void Drop()
    {
        _pending.Clear();
        _text.Clear();
    }

    [LoggerMessage(1, LogLevel.Warning, "Stage {Stage}: the activity of {Agent} could not reach its run's silo; the rest of this call's activity is dropped, the call goes on.")]
    private static partial void LogDropped(ILogger logger, Exception exception, string stage, string agent);
}
