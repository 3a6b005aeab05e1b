using System;
using System.Threading;
using System.Threading.Tasks;
using TeamBot.Agents;
using TeamBot.Orleans.Grains;

namespace TeamBot.Orleans.Hosting;

/// <summary>
/// The run's end of one attempt's activity: passes the worker's batches to the driver's <see cref="AgentRequest.Activity"/>
/// until the attempt ends. A late batch of an attempt given up on (its worker hung, or its silo is dying) would mix into
/// the next attempt's live view, so once the attempt is closed its batches are dropped; what it reported before stays.
/// </summary>
internal sealed class AttemptActivity(IProgress<AgentActivity> activity) : IAgentActivityObserver
{
    // Held while a batch is passed on, so that once Close returns no report of this attempt follows.
    private readonly Lock _gate = new();
    private bool _closed;

    public Task ReportAsync(AgentActivity[] batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        lock (_gate)
        {
            if (!_closed)
            {
                foreach (AgentActivity report in batch)
                {
                    activity.Report(report);
                }
            }
        }

        return Task.CompletedTask;
    }

    /// <summary>Ends the attempt: nothing more of it is reported.</summary>
    public void Close()
    {
        lock (_gate)
        {
            _closed = true;
        }
    }
}
