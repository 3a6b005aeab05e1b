using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Orleans;
using Orleans.Runtime;
using TeamBot.Execution;
using TeamBot.Objectives;
using TeamBot.Orleans.Contracts;
using TeamBot.Orleans.Grains;
using TeamBot.Orleans.Storage;
using TeamBot.Rules;

namespace TeamBot.Orleans.Hosting;

/// <summary>Submits objectives to a TeamBot cluster and follows their runs.</summary>
/// <param name="grains">The cluster client (or a silo's grain factory).</param>
public sealed class TeamBotClusterClient(IGrainFactory grains)
{
    /// <summary>Gets or sets how often <see cref="WatchAsync"/> asks for progress.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Gets or sets how long <see cref="SubmitAsync"/> and <see cref="WatchAsync"/> keep asking while the cluster does not answer (a silo, perhaps this client's gateway, died).</summary>
    public TimeSpan FailoverTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Submits <paramref name="objective"/> as run <paramref name="runId"/> (default: its feature name).</summary>
    /// <param name="objective">What the run is for.</param>
    /// <param name="runId">The run's id; default: the objective's feature name.</param>
    /// <param name="overrides">What the run sets for itself over the silos' options (time budget, concurrency, optional stages).</param>
    /// <returns>The run id, and whether this call started it (false: it already existed).</returns>
    public async Task<(string RunId, bool Started)> SubmitAsync(Objective objective, string? runId = null, RunOverrides? overrides = null)
    {
        ArgumentNullException.ThrowIfNull(objective);
        string id = runId ?? objective.FeatureName;

        // One submission, sent again while the cluster does not answer (this client's gateway died): the run grain
        // knows it by its id, so a retry whose first attempt did reach the run reports it started, and starts nothing.
        RunSubmission submission = RunSubmission.From(objective, overrides);
        IWorkflowRunGrain run = grains.GetGrain<IWorkflowRunGrain>(id);
        DateTimeOffset first = DateTimeOffset.UtcNow;
        while (true)
        {
            try
            {
                return (id, await run.SubmitAsync(submission).ConfigureAwait(false));
            }
            catch (Exception ex) when (IsFailover(ex) && DateTimeOffset.UtcNow - first < FailoverTimeout)
            {
                await Task.Delay(PollInterval).ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// Whether a call failed because a silo (the run's, or this client's gateway) died or the connection dropped. A
    /// database failure is not one: asking again would only delay the database's own message (permission denied, say).
    /// </summary>
    private static bool IsFailover(Exception exception) => exception is (OrleansException and not TeamBotStorageException) or TimeoutException;

    /// <summary>Reports the run's events as they happen until it ends, and returns its last progress.</summary>
    /// <remarks>Events are kept per session: after a failover or a resume the new session's events follow.</remarks>
    public async Task<RunProgress> WatchAsync(string runId, IProgress<WorkflowEvent>? progress = null, CancellationToken cancellationToken = default)
    {
        IWorkflowRunGrain run = grains.GetGrain<IWorkflowRunGrain>(runId);
        Guid session = Guid.Empty;
        int next = 0;
        DateTimeOffset lastAnswer = DateTimeOffset.UtcNow;
        while (true)
        {
            RunProgress current;
            try
            {
                current = await run.GetProgressAsync(next).WaitAsync(cancellationToken).ConfigureAwait(false);
                if (current.Session != session)
                {
                    // A new session (the run moved after a silo died, or was resumed) numbers its events from 0.
                    (session, next) = (current.Session, 0);
                    current = await run.GetProgressAsync(0).WaitAsync(cancellationToken).ConfigureAwait(false);
                }

                lastAnswer = DateTimeOffset.UtcNow;
            }
            catch (Exception ex) when (IsFailover(ex) && DateTimeOffset.UtcNow - lastAnswer < FailoverTimeout)
            {
                // A silo (perhaps this client's gateway, or the run's) died: the cluster moves the run; ask again.
                await Task.Delay(PollInterval, cancellationToken).ConfigureAwait(false);
                continue;
            }

            foreach (WorkflowEvent @event in current.Events)
            {
                progress?.Report(@event);
            }

            next = current.NextEvent;
            if (current.IsFinished)
            {
                return current;
            }

            await Task.Delay(PollInterval, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Cancels run <paramref name="runId"/>: it stops, is saved as <c>cancelled</c>, and can be resumed later.</summary>
    /// <returns><see langword="true"/> when the run was under way and was told to stop.</returns>
    public Task<bool> CancelAsync(string runId) => grains.GetGrain<IWorkflowRunGrain>(runId).CancelAsync();

    /// <summary>Continues stopped run <paramref name="runId"/> where it stopped.</summary>
    /// <param name="runId">The run.</param>
    /// <param name="overrides">What the run sets for itself from now on, field by field over what it was submitted with:
    /// a new time budget for the whole run, or a larger token or cost budget for a run stopped on its budget (a token
    /// budget keeps the cost budget and prices); <see langword="null"/> keeps what was saved.</param>
    /// <returns><see langword="true"/> when this call resumed it, or woke it on a new silo where it resumed from its saved
    /// state (its silo had died; the saved budgets then stay); <see langword="false"/> when there is no such run or it
    /// is running.</returns>
    public Task<bool> ResumeAsync(string runId, RunOverrides? overrides = null) => grains.GetGrain<IWorkflowRunGrain>(runId).ResumeAsync(overrides ?? RunOverrides.None);

    /// <summary>Gets every run's progress, without events, in the order they were submitted, a page at a time.</summary>
    public async Task<IReadOnlyList<RunProgress>> ListAsync()
    {
        var runs = new List<RunProgress>();
        long? after = 0;
        while (after is { } position)
        {
            RunListPage page = await ListAsync(RunListFilter.All, position).ConfigureAwait(false);
            runs.AddRange(page.Runs);
            after = page.Next;
        }

        return runs;
    }

    /// <summary>
    /// Gets one page of runs' progress, without events: a finished run's is read from its saved state, without
    /// activating it; an unfinished run is asked.
    /// </summary>
    /// <param name="filter">Which runs.</param>
    /// <param name="after">Where the page starts: 0, or the last page's <see cref="RunListPage.Next"/>.</param>
    /// <param name="limit">The most runs on the page.</param>
    public Task<RunListPage> ListAsync(RunListFilter filter, long after = 0, int limit = 200) =>
        grains.GetGrain<IRunIndexGrain>(WorkflowRunGrain.RunIndexKey).ListAsync(filter, after, limit);
}
