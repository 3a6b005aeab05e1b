using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans;
using Orleans.Runtime;
using TeamBot.Execution;
using TeamBot.Orleans.Contracts;
using TeamBot.Orleans.Hosting;
using TeamBot.Orleans.Storage;
using TeamBot.State;

namespace TeamBot.Orleans.Grains;

/// <summary>
/// A run on the cluster: a thin host of the same <see cref="IRunDriver"/> the local runner uses. The grain keeps the
/// state in grain storage and sends the agents' calls to worker grains; the driver does everything else. After its
/// silo dies the grain reactivates elsewhere and resumes from the saved state: completed stages stay completed, work
/// that was in flight runs again. Each session saves through the registered <see cref="IRunStoreDecorator"/>s, if any.
/// <para>
/// Orleans keeps one activation per run only while its grain directory is intact; after a silo dies it can briefly hold
/// two. So each session first takes the run over (<see cref="RunEpochs"/>): it increments the run's epoch, and every
/// agent call, result, artifact and state write of a session whose epoch is no longer the run's is refused. The stale
/// session stops without writing anything more, and its activation deactivates.
/// </para>
/// </summary>
internal sealed partial class WorkflowRunGrain : Grain, IWorkflowRunGrain, IDisposable
{
    internal const string RunIndexKey = "runs";

    private readonly IRunDriver _driver;
    private readonly TeamBotClusterOptions _options;
    private readonly IPersistentState<RunSubmission> _submission;
    private readonly GrainRunStore _store;
    private readonly IRunStoreDecorator[] _decorators;
    private readonly RunEpochs _epochs;
    private readonly ILogger _logger;
    private readonly RunProgressTracker _progress = new();
    private readonly IHostApplicationLifetime _lifetime;
    private CancellationTokenSource _cancel = new();
    private Task? _session;
    private CancellationTokenRegistration _onSiloStopping;
    private TaskScheduler _scheduler = TaskScheduler.Default;

    // Whether the silo is stopping under this activation: its session stops without recording anything, as on a crash.
    private bool _stopping;

    // Whether a session's driver is running: a session's task outlives its driver by the run index's update.
    private bool _driving;

    // Whether this activation resumed the run on waking (its silo had died) and has served no call since: the call
    // that woke it is the first it serves.
    private bool _resumedOnWake;

    public WorkflowRunGrain(
        IRunDriver driver,
        TeamBotClusterOptions options,
        IHostApplicationLifetime lifetime,
        ILogger<WorkflowRunGrain> logger,
        IEnumerable<IRunStoreDecorator> decorators,
        RunEpochs epochs,
        [PersistentState("run", TeamBotStorage.Name)] IPersistentState<OrchestrationStateDocument> run,
        [PersistentState("journal", TeamBotStorage.Name)] IPersistentState<RunJournal> journal,
        [PersistentState("submission", TeamBotStorage.Name)] IPersistentState<RunSubmission> submission)
    {
        _driver = driver;
        _options = options;
        _lifetime = lifetime;
        _logger = logger;
        _submission = submission;
        _decorators = decorators.ToArray();
        _epochs = epochs;
        _store = new GrainRunStore(this.GetPrimaryKeyString(), run, journal);
    }

    private string RunId => this.GetPrimaryKeyString();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _store.Bind();
        _scheduler = TaskScheduler.Current;

        // Told as soon as the silo begins to stop, before Orleans deactivates this grain: by then the worker calls of
        // this run on this silo are being cancelled, and the session must not take that for the stages' failure.
        _onSiloStopping = _lifetime.ApplicationStopping.Register(() => _ = Task.Factory.StartNew(StopWithSilo, CancellationToken.None, TaskCreationOptions.None, _scheduler));
        if (!_submission.RecordExists)
        {
            return;
        }

        OrchestrationStateDocument? document = await _store.LoadAsync(cancellationToken);
        if (document is not null)
        {
            _progress.Seed(document);
            if (RunStatusText.Parse(document.Status) != Rules.RunStatus.InProgress)
            {
                return; // finished: reports only
            }
        }

        // Submitted but never saved (its silo died at once): the run starts from the beginning.
        LogResuming(_logger, RunId, RuntimeIdentity);
        Start(resume: document is not null);
        _resumedOnWake = true;
    }

    public async Task<bool> SubmitAsync(RunSubmission submission)
    {
        ArgumentNullException.ThrowIfNull(submission);
        TakeResumedOnWake();
        if (_submission.RecordExists)
        {
            // The client sent this submission again because the answer to the first was lost: that one started it.
            return submission.SubmissionId != Guid.Empty && submission.SubmissionId == _submission.State.SubmissionId;
        }

        // Listed first: if the write below fails, the client's retry still finds the run unsubmitted.
        await GrainFactory.GetGrain<IRunIndexGrain>(RunIndexKey).AddAsync(RunId);
        submission.SubmittedAt = DateTimeOffset.UtcNow;
        _submission.State = submission;
        await _submission.WriteStateAsync();
        Start(resume: false);
        return true;
    }

    public Task<RunProgress> GetProgressAsync(int fromEvent)
    {
        TakeResumedOnWake();
        return Task.FromResult(_progress.Describe(RunId, _submission.RecordExists, fromEvent));
    }

    public async Task<bool> WakeAsync()
    {
        TakeResumedOnWake();
        if (_stopping || !_submission.RecordExists || _driving || _session is { IsCompleted: false })
        {
            return false;
        }

        // This activation's memory may hold what a failed save did not write: the run continues from storage only.
        await _store.ReloadAsync();
        OrchestrationStateDocument? document = await _store.LoadAsync(CancellationToken.None);
        if (document is not null && RunStatusText.Parse(document.Status) != Rules.RunStatus.InProgress)
        {
            return false; // finished, cancelled or failed: only a client's resume continues it
        }

        if (_cancel.IsCancellationRequested)
        {
            _cancel.Dispose();
            _cancel = new CancellationTokenSource();
        }

        LogResuming(_logger, RunId, RuntimeIdentity);
        if (document is not null)
        {
            _progress.Seed(document);
        }

        Start(resume: document is not null);
        return true;
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        await _onSiloStopping.DisposeAsync();
        if (_driving)
        {
            // Deactivated under a session (the silo stops, or Orleans moves the grain): stop it as a crash would, and let
            // it end before the activation goes, so that no save of this activation lands after the next one's.
            StopWithSilo();
            await Task.WhenAny(_session!, Task.Delay(Timeout.Infinite, cancellationToken));
        }

        await base.OnDeactivateAsync(reason, cancellationToken);
    }

    public async Task<bool> CancelAsync()
    {
        TakeResumedOnWake();
        if (!_driving)
        {
            return false;
        }

        await _cancel.CancelAsync();
        return true;
    }

    public async Task<bool> ResumeAsync(RunOverrides runOverrides)
    {
        ArgumentNullException.ThrowIfNull(runOverrides);
        if (TakeResumedOnWake())
        {
            // This call woke the run, and waking resumed it from its saved state: that is the resume asked for, with the
            // saved time budget. Resuming again would run it twice, or run a run that has meanwhile finished once more.
            return true;
        }

        if (!_submission.RecordExists || _driving)
        {
            return false;
        }

        if (_session is { IsCompleted: false } finishing)
        {
            // The last session's driver has returned and its task is telling the run index the run finished: let it, so
            // that this resume's "unfinished again" is not overwritten by that "finished", and is not refused meanwhile.
            await Task.WhenAny(finishing);
        }

        if (_cancel.IsCancellationRequested)
        {
            _cancel.Dispose();
            _cancel = new CancellationTokenSource();
        }

        if (runOverrides != RunOverrides.None)
        {
            // Kept with the submission, not given to this session alone: a session the watchdog starts after a silo
            // died runs with the submission's, and must not fall back to the budget the run stopped on.
            _submission.State.Override(runOverrides);
            await _submission.WriteStateAsync();
        }

        // Listed as unfinished again, so that the watchdog wakes it if its silo dies.
        await GrainFactory.GetGrain<IRunIndexGrain>(RunIndexKey).ReopenAsync(RunId);
        Start(resume: await _store.LoadAsync(CancellationToken.None) is not null, runOverrides.TimeBudget);
        return true;
    }

    public void Dispose()
    {
        _onSiloStopping.Dispose();
        _cancel.Dispose();
    }

    /// <summary>
    /// Stops the session because the silo is stopping: nothing is saved from now on, so the run stays saved as it was
    /// (unfinished), and another silo resumes it; its agents' calls are cancelled. Neither a failure nor a cancel of the run.
    /// </summary>
    private void StopWithSilo()
    {
        if (_stopping)
        {
            return;
        }

        _stopping = true;
        _store.Close();
        if (_driving)
        {
            LogStoppingWithSilo(_logger, RunId, RuntimeIdentity);
            _cancel.Cancel();
        }
    }

    /// <summary>Runs the session beside the grain's turns, so that watchers and a cancel are answered meanwhile.</summary>
    private void Start(bool resume, TimeSpan? timeBudget = null)
    {
        // Agent work outlives any one call to this grain; keep the activation until the run ends.
        DelayDeactivation(TimeSpan.FromDays(1));
        _driving = true;
        _progress.Running();
        _session = RunSessionAsync(resume, timeBudget);
    }

    private async Task RunSessionAsync(bool resume, TimeSpan? timeBudget)
    {
        string runDirectory = Path.Combine(Path.GetFullPath(_options.RunsDirectory), RunId);
        var objective = _submission.State.ToObjective();
        IRunDriver driver = _driver.WithOverrides(_submission.State.Overrides);
        IWorkflowStateStore store = _store;
        try
        {
            // Taken over before anything is read or run, and the run read again after: this session starts from all that
            // was saved before any other activation's writes were refused. Then its fence goes on every side effect.
            long epoch = await _epochs.TakeOverAsync(RunId, CancellationToken.None);
            var fence = new RunEpochFence(_epochs, RunId, epoch);
            _store.Fence = fence;
            await _store.ReloadAsync();
            RunTicket.Current = new RunTicket(RunId, epoch);
            LogTookOver(_logger, RunId, epoch, RuntimeIdentity);

            // Inside the try: a decorator that refuses the session fails it as a failed save would, before it runs.
            store = Decorate();
            IWorkflowStateStore fenced = FencedRunStore.Wrap(store, fence);
            WorkflowResult result = resume
                ? await driver.ResumeAsync(fenced, objective, runDirectory, _progress, timeBudget, _cancel.Token)
                : await driver.StartAsync(fenced, objective, runDirectory, _progress, _cancel.Token);
            _progress.Finish(result);
            LogFinished(_logger, RunId, result.Status.ToString());
        }
#pragma warning disable CA1031 // Whatever the stop made the driver throw, the run stays saved as it was, unfinished.
        catch (Exception) when (_stopping)
#pragma warning restore CA1031
        {
            // Stopped with the silo: the run is neither finished nor failed; the run index keeps it unfinished for the
            // watchdog of the silo that resumes it.
            return;
        }
        catch (OperationCanceledException) when (_cancel.IsCancellationRequested)
        {
            // The driver saved the run as cancelled; the saved state says so to every later activation.
            if (await _store.LoadAsync(CancellationToken.None) is { } document)
            {
                _progress.Seed(document);
            }

            LogFinished(_logger, RunId, "cancelled");
        }
        catch (RunFencedException ex)
        {
            // Another activation owns the run now (two were alive at once after a silo died): this one did not record
            // the work it had out, wrote nothing more, and steps aside.
            LogFenced(_logger, RunId, ex.Message);
            DeactivateOnIdle();
            return;
        }
#pragma warning disable CA1031 // Nobody awaits this task: the way to recover is to start over from the saved state.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            // A save failed (the database is away, another activation wrote meanwhile): this activation's memory may be
            // ahead of the saved state, so it stops; the next call, or the watchdog, resumes the run from what was saved.
            LogSessionFailed(_logger, ex, RunId);
            DeactivateOnIdle();
            return;
        }
        finally
        {
            // The driver has returned, so nothing touches the session's store any more: its decorators may close it.
            await ReleaseAsync(store);
            _driving = false;
        }

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

    /// <summary>Whether the run resumed when this activation woke, and this is the first call served since (the one that woke it).</summary>
    private bool TakeResumedOnWake()
    {
        bool resumed = _resumedOnWake;
        _resumedOnWake = false;
        return resumed;
    }

    /// <summary>The store this session saves through: the grain's own, wrapped by every registered decorator in turn.</summary>
    private IWorkflowStateStore Decorate()
    {
        IWorkflowStateStore store = _store;
        foreach (IRunStoreDecorator decorator in _decorators)
        {
            store = decorator.Decorate(RunId, store);
        }

        return store;
    }

    private async ValueTask ReleaseAsync(IWorkflowStateStore store)
    {
        if (ReferenceEquals(store, _store))
        {
            return;
        }

        if (store is IAsyncDisposable asyncDisposable)
        {
            await asyncDisposable.DisposeAsync();
        }
        else if (store is IDisposable disposable)
        {
            disposable.Dispose();
        }
    }

    [LoggerMessage(1, LogLevel.Information, "Run {RunId} resumes from its saved state on {Silo}.")]
    private static partial void LogResuming(ILogger logger, string runId, string silo);

    [LoggerMessage(2, LogLevel.Information, "Run {RunId} finished: {Status}.")]
    private static partial void LogFinished(ILogger logger, string runId, string status);

    [LoggerMessage(4, LogLevel.Error, "Run {RunId}: its session failed; the run restarts from its saved state.")]
    private static partial void LogSessionFailed(ILogger logger, Exception exception, string runId);

    [LoggerMessage(6, LogLevel.Information, "Run {RunId}: its silo {Silo} is stopping; the run stops unrecorded and resumes on another silo.")]
    private static partial void LogStoppingWithSilo(ILogger logger, string runId, string silo);

    [LoggerMessage(5, LogLevel.Warning, "Run {RunId} finished, but the run index could not be told.")]
    private static partial void LogIndexFailed(ILogger logger, Exception exception, string runId);

    [LoggerMessage(6, LogLevel.Information, "Run {RunId}: this activation took it over with epoch {Epoch} on {Silo}.")]
    private static partial void LogTookOver(ILogger logger, string runId, long epoch, string silo);

    [LoggerMessage(7, LogLevel.Warning, "Run {RunId}: another activation took the run over; this one stops. {Reason}")]
    private static partial void LogFenced(ILogger logger, string runId, string reason);
}
