using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using Orleans;
using Orleans.Runtime;
using TeamBot.Execution;
using TeamBot.Orleans.Contracts;
using TeamBot.Orleans.Driving;
using TeamBot.Orleans.Hosting;
using TeamBot.State;

namespace TeamBot.Orleans.Grains;

/// <summary>
/// A run: the rules decide, this grain saves the state (in the state file's JSON, through grain storage) and hands agent
/// work to worker grains, at most each group's concurrency at once. After its silo dies the grain reactivates elsewhere
/// from the saved state: completed stages stay completed, work that was in flight is handed out again.
/// </summary>
#pragma warning disable CA1001 // See _turn: a SemaphoreSlim whose wait handle is never created needs no disposal.
internal sealed partial class WorkflowRunGrain : Grain, IWorkflowRunGrain
#pragma warning restore CA1001
{
    private readonly IWorkflowDriver _driver;
    private readonly TeamBotClusterOptions _options;
    private readonly IPersistentState<OrchestrationStateDocument> _run;
    private readonly IPersistentState<RunSubmission> _submission;
    private readonly ILogger _logger;
    private readonly Guid _activation = Guid.NewGuid();
    private readonly List<ProgressEvent> _events = [];
#pragma warning disable CA2213 // Never waited on through its wait handle, so it holds nothing to dispose.
    private readonly SemaphoreSlim _turn = new(1, 1);
#pragma warning restore CA2213
    private readonly Dictionary<string, Queue<WorkItem>> _waiting = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _running = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _limits = new(StringComparer.Ordinal);
    private RunMachine? _machine;

    /// <summary>Set when a turn failed: this activation's memory may be ahead of what was saved, so it stops acting.</summary>
    private bool _broken;

    public WorkflowRunGrain(
        IWorkflowDriver driver,
        TeamBotClusterOptions options,
        ILogger<WorkflowRunGrain> logger,
        [PersistentState("run", TeamBotStorage.Name)] IPersistentState<OrchestrationStateDocument> run,
        [PersistentState("submission", TeamBotStorage.Name)] IPersistentState<RunSubmission> submission)
    {
        _driver = driver;
        _options = options;
        _logger = logger;
        _run = run;
        _submission = submission;
    }

    private string RunId => this.GetPrimaryKeyString();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (!_submission.RecordExists)
        {
            return;
        }

        _machine = _driver.Open(RunId, _submission.State, _run.RecordExists ? _run.State : null);
        if (_run.RecordExists && _run.State.Status != "in_progress")
        {
            return; // finished: reports only
        }

        LogResuming(_logger, RunId, RuntimeIdentity);
        await StartAsync();
    }

    public async Task<bool> SubmitAsync(RunSubmission submission)
    {
        ArgumentNullException.ThrowIfNull(submission);
        if (_submission.RecordExists)
        {
            return false;
        }

        // Listed first: if the write below fails, the client's retry still finds the run unsubmitted.
        await GrainFactory.GetGrain<IRunIndexGrain>(RunIndexKey).AddAsync(RunId);
        submission.SubmittedAt = DateTimeOffset.UtcNow;
        _submission.State = submission;
        await _submission.WriteStateAsync();
        _machine = _driver.Open(RunId, submission, null);
        await StartAsync();
        return true;
    }

    public Task<RunProgress> GetProgressAsync(int fromEvent)
    {
        RunProgress progress = _machine?.Describe() ?? new RunProgress { RunId = RunId, Status = "not_found" };
        progress.Activation = _activation;
        progress.Events = _events.Skip(Math.Max(0, fromEvent)).ToList();
        progress.NextEvent = _events.Count;
        return Task.FromResult(progress);
    }

    internal const string RunIndexKey = "runs";

    private async Task StartAsync()
    {
        // Agent work outlives any one call to this grain; keep the activation until the run ends.
        DelayDeactivation(TimeSpan.FromDays(1));
        await _turn.WaitAsync();
        try
        {
            await CarryOutAsync(_machine!.Start());
        }
        catch
        {
            Abandon();
            throw;
        }
        finally
        {
            _turn.Release();
        }
    }

    /// <summary>
    /// Stops this activation from acting after a failed turn (a save that failed, say): its memory may be ahead of the
    /// saved state. The next call, or the watchdog, starts the run again from what was saved.
    /// </summary>
    private void Abandon()
    {
        _broken = true;
        DeactivateOnIdle();
    }

    private async Task CarryOutAsync(MachineStep step)
    {
        _events.AddRange(step.Events);
        if (step.Snapshot is { } snapshot)
        {
            // Before any work is handed out: what the saved state calls completed is never handed out again.
            _run.State = snapshot;
            await _run.WriteStateAsync();
        }

        foreach ((string stage, IReadOnlyList<ReviewAttempt> attempts) in step.FailureReports)
        {
            await ReviewFailureReport.WriteAsync(Path.Combine(_driver.RunsDirectory, RunId, "failures"), stage, attempts.ToImmutableList());
        }

        foreach ((string group, int concurrency) in step.GroupConcurrency)
        {
            _limits[group] = Math.Max(1, _options.Runner.MaxConcurrency ?? concurrency);
        }

        foreach (WorkItem item in step.Work)
        {
            if (item.Group is null)
            {
                Dispatch(item);
            }
            else
            {
                Waiting(item.Group).Enqueue(item);
            }
        }

        Pump();
        if (step.Finished)
        {
            LogFinished(_logger, RunId, _run.State.Status ?? "");
            try
            {
                await GrainFactory.GetGrain<IRunIndexGrain>(RunIndexKey).FinishAsync(RunId);
            }
            catch (OrleansException ex)
            {
                // The run is finished and saved; an index that still lists it as unfinished only makes the watchdog ask.
                LogIndexFailed(_logger, ex, RunId);
            }
        }
    }

    /// <summary>Starts waiting group members while their group has room.</summary>
    private void Pump()
    {
        foreach ((string group, Queue<WorkItem> waiting) in _waiting)
        {
            while (waiting.Count > 0 && _running.GetValueOrDefault(group) < _limits.GetValueOrDefault(group, 1))
            {
                _running[group] = _running.GetValueOrDefault(group) + 1;
                Dispatch(waiting.Dequeue());
            }
        }
    }

    private Queue<WorkItem> Waiting(string group) =>
        _waiting.TryGetValue(group, out Queue<WorkItem>? queue) ? queue : _waiting[group] = new Queue<WorkItem>();

    private void Dispatch(WorkItem item)
    {
        if (!_broken)
        {
            _ = RunItemAsync(item);
        }
    }

    private async Task RunItemAsync(WorkItem item)
    {
        JournalEntry entry = await WorkAsync(item);
        await _turn.WaitAsync();
        try
        {
            if (_broken)
            {
                return; // the next activation hands this work out again
            }

            if (item.Group is { } group)
            {
                _running[group]--;
            }

            await CarryOutAsync(_machine!.Apply(entry));
        }
#pragma warning disable CA1031 // Nobody awaits this task: the way to recover is to start over from the saved state.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            // Saving failed (the database is away, another activation wrote meanwhile).
            LogTurnFailed(_logger, ex, RunId, item.Stage);
            Abandon();
        }
        finally
        {
            _turn.Release();
        }
    }

    /// <summary>
    /// Hands the work to a new worker. A call the cluster failed (the worker's silo died, the connection dropped) is
    /// handed out again, a few times. Anything else fails the stage at once: a time-out, because the agent may still be
    /// running and a second copy would work beside it, and an error the worker raised, which would only repeat.
    /// </summary>
    private async Task<JournalEntry> WorkAsync(WorkItem item)
    {
        for (int attempt = 1; ; attempt++)
        {
            try
            {
                string line = await GrainFactory.GetGrain<IStageWorkerGrain>(Guid.NewGuid()).RunAsync(item);
                return JsonSerializer.Deserialize(line, JournalJsonContext.Default.JournalEntry)!;
            }
            catch (OrleansException ex) when (attempt < _options.WorkAttempts)
            {
                LogRetrying(_logger, ex, RunId, item.Stage, attempt);
                await Task.Delay(_options.RetryDelay * attempt);
            }
            catch (OrleansException ex)
            {
                return new JournalEntry { Event = "stage_failed", Stage = item.Stage, Text = $"the cluster could not run it after {attempt} attempts: {ex.Message}" };
            }
#pragma warning disable CA1031 // Whatever the worker raised is this stage's failure, recorded by the rules.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                return new JournalEntry { Event = "stage_failed", Stage = item.Stage, Text = $"{ex.GetType().Name}: {ex.Message}", TimedOut = ex is TimeoutException ? true : null };
            }
        }
    }

    [LoggerMessage(1, LogLevel.Information, "Run {RunId} resumes from its saved state on {Silo}.")]
    private static partial void LogResuming(ILogger logger, string runId, string silo);

    [LoggerMessage(2, LogLevel.Information, "Run {RunId} finished: {Status}.")]
    private static partial void LogFinished(ILogger logger, string runId, string status);

    [LoggerMessage(3, LogLevel.Warning, "Run {RunId}: handing out {Stage} again after attempt {Attempt} failed.")]
    private static partial void LogRetrying(ILogger logger, Exception exception, string runId, string stage, int attempt);

    [LoggerMessage(5, LogLevel.Warning, "Run {RunId} finished, but the run index could not be told.")]
    private static partial void LogIndexFailed(ILogger logger, Exception exception, string runId);

    [LoggerMessage(4, LogLevel.Error, "Run {RunId}: carrying out the result of {Stage} failed; the run restarts from its saved state.")]
    private static partial void LogTurnFailed(ILogger logger, Exception exception, string runId, string stage);
}
