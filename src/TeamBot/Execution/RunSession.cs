using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using TeamBot.Agents;
using TeamBot.Definitions;
using TeamBot.Objectives;
using TeamBot.State;
using TeamBot.Telemetry;

namespace TeamBot.Execution;

/// <summary>
/// One session of a run: feeds events to the rules and carries out their commands. Agent work runs concurrently and
/// reports back through a channel; the rules see one event at a time, so their state needs no locking.
/// </summary>
internal sealed class RunSession<TStage>
    where TStage : struct, Enum
{
    private readonly IWorkflowDefinition<TStage> _workflow;
    private readonly IWorkflowStateStore _store;
    private readonly RunStateMapper<TStage> _mapper;
    private readonly WorkflowRunnerOptions _options;
    private readonly RunMetadata _metadata;
    private readonly IProgress<WorkflowEvent>? _progress;
    private readonly ExecutionRules<TStage> _rules;
    private readonly StageWork<TStage> _work;
    private readonly ILogger _logger;
    private readonly Channel<ExecutionEvent<TStage>> _events = Channel.CreateUnbounded<ExecutionEvent<TStage>>();
    private readonly List<Task> _inFlight = [];
    private readonly Lock _progressLock = new();
    private readonly long _started;
    private readonly string _runDirectory;
    private readonly IWorkflowJournal? _journal;
    private readonly JournalEventMapper<TStage> _journalEvents;
    private OrchestrationStateDocument? _previous;
    private RunState<TStage> _state;
    private long _journalSequence;
    private int _sinceSnapshot;
    private bool _snapshotTaken;

    public RunSession(
        IWorkflowDefinition<TStage> workflow,
        AgentRegistry agents,
        IWorkflowStateStore store,
        RunStateMapper<TStage> mapper,
        WorkflowRunnerOptions options,
        Objective objective,
        RunMetadata metadata,
        RunState<TStage> state,
        OrchestrationStateDocument? previous,
        long journalSequence,
        IProgress<WorkflowEvent>? progress,
        string runDirectory)
    {
        _workflow = workflow;
        _store = store;
        _mapper = mapper;
        _options = options;
        _metadata = metadata;
        _state = state;
        _previous = previous;
        _journalSequence = journalSequence;
        _journal = store as IWorkflowJournal;
        _journalEvents = new JournalEventMapper<TStage>(workflow);
        _progress = progress;
        _runDirectory = runDirectory;
        _rules = new ExecutionRules<TStage>(workflow, options.Policy);
        _logger = options.LoggerFactory.CreateLogger("TeamBot.Workflow");
        _started = options.TimeProvider.GetTimestamp();
        _work = new StageWork<TStage>(workflow, agents, options, objective, Path.Combine(runDirectory, "artifacts"), _logger, () => _state);
    }

    private TimeSpan Elapsed => _metadata.Elapsed + _options.TimeProvider.GetElapsedTime(_started);

    public async Task<WorkflowResult> RunAsync(CancellationToken cancellationToken)
    {
        using Activity? activity = WorkflowTelemetry.ActivitySource.StartActivity("teambot.run");
        activity?.SetTag("teambot.feature", _metadata.FeatureName);
        TimeSpan remaining = _metadata.TimeBudget - _metadata.Elapsed;
        using var budget = new CancellationTokenSource(remaining > TimeSpan.Zero ? remaining : TimeSpan.FromTicks(1), _options.TimeProvider);
        using var run = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, budget.Token);
        Log.RunStarted(_logger, _metadata.FeatureName, _state.CurrentStage is { } current ? _workflow.GetStageName(current) : "the start");

        try
        {
            ExecutionEvent<TStage> next = new RunStarted<TStage>(TimeBudgetExhausted: remaining <= TimeSpan.Zero);
            while (true)
            {
                Decision<TStage> decision = _rules.Decide(_state, next);
                _state = decision.State;
                await JournalAsync(next).ConfigureAwait(false);
                if (await CarryOutAsync(decision.Commands, run.Token).ConfigureAwait(false))
                {
                    break;
                }

                _inFlight.RemoveAll(task => task.IsCompleted);
                if (_inFlight.Count == 0 && !_events.Reader.TryPeek(out _))
                {
                    // Nothing runs and nothing will report: waiting would hang forever, so this is a bug in the rules.
                    throw new InvalidOperationException($"The run stalled after {next.GetType().Name}: no work is running and none was asked for.");
                }

                try
                {
                    next = await _events.Reader.ReadAsync(run.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (run.IsCancellationRequested)
                {
                    next = cancellationToken.IsCancellationRequested ? new RunCancelled<TStage>() : new TimeBudgetExhausted<TStage>();
                }
            }
        }
        finally
        {
            // Also when the loop throws (a journal or state write failed): agents still running must be stopped, or a
            // resume, once the lock is released, would run them a second time beside the first.
            await run.CancelAsync().ConfigureAwait(false);
            await DrainAsync().ConfigureAwait(false);
        }

        Log.RunEnded(_logger, _metadata.FeatureName, _state.Status);
        activity?.SetTag("teambot.status", RunStatusText.ToText(_state.Status));
        cancellationToken.ThrowIfCancellationRequested();
        return Result();
    }

    /// <summary>Carries out the commands in order; returns whether the run finished.</summary>
    private async Task<bool> CarryOutAsync(ImmutableArray<ExecutionCommand<TStage>> commands, CancellationToken cancellationToken)
    {
        foreach (ExecutionCommand<TStage> command in commands)
        {
            switch (command)
            {
                case SaveState<TStage>:
                    await SaveAsync().ConfigureAwait(false);
                    break;
                case Notify<TStage> notify:
                    Report(notify.Kind, notify.Stage, notify.Group, notify.Iteration, notify.Detail);
                    break;
                case FinishRun<TStage>:
                    return true;
                case RunGroupMembers<TStage> group:
                    StartGroup(group, cancellationToken);
                    break;
                case WriteReviewFailureReport<TStage> report:
                    await ReviewFailureReport.WriteAsync(Path.Combine(_runDirectory, "failures"), _workflow.GetStageName(report.Stage), report.Attempts).ConfigureAwait(false);
                    break;
                default:
                    Start(_work.StartAsync(command, cancellationToken));
                    break;
            }
        }

        return false;
    }

    /// <summary>Runs a group's members with at most its concurrency at once; a failure does not cancel the others.</summary>
    private void StartGroup(RunGroupMembers<TStage> command, CancellationToken cancellationToken)
    {
        int concurrency = Math.Max(1, _options.MaxConcurrency ?? command.Group.MaxConcurrency);
        var slots = new SemaphoreSlim(concurrency, concurrency);
        Task[] members = command.Members.Select(member => RunMemberAsync(command.Group, member, slots, cancellationToken)).ToArray();
        Start(DisposeWhenDoneAsync(members, slots));
    }

    private async Task RunMemberAsync(ParallelGroupDescriptor<TStage> group, TStage member, SemaphoreSlim slots, CancellationToken cancellationToken)
    {
        await slots.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            Report(WorkflowEventKind.MemberStarted, member, group.Name, null, null);

            // Each member reports as it finishes, so the rules record it (and save) before its siblings are done.
            if (await _work.StartAsync(new RunStageWork<TStage>(member), cancellationToken).ConfigureAwait(false) is { } result)
            {
                _events.Writer.TryWrite(result);
            }
        }
        finally
        {
            slots.Release();
        }
    }

    private static async Task<ExecutionEvent<TStage>?> DisposeWhenDoneAsync(Task[] members, SemaphoreSlim slots)
    {
        try
        {
            await Task.WhenAll(members).ConfigureAwait(false);
        }
        finally
        {
            slots.Dispose();
        }

        return null;
    }

    /// <summary>Tracks the work; the main loop prunes finished tasks after every decision.</summary>
    private void Start(Task<ExecutionEvent<TStage>?> work) => _inFlight.Add(ForwardAsync(work));

    private async Task ForwardAsync(Task<ExecutionEvent<TStage>?> work)
    {
        try
        {
            if (await work.ConfigureAwait(false) is { } result)
            {
                _events.Writer.TryWrite(result);
            }
        }
        catch (OperationCanceledException)
        {
            // The run is stopping; the rules hear of it from the session, not from each agent.
        }
    }

    /// <summary>Waits for agents still running after the run stopped; they were cancelled, but may take a moment.</summary>
    private async Task DrainAsync()
    {
        Task all = Task.WhenAll(_inFlight);
        Task grace = Task.Delay(_options.CancellationGracePeriod, _options.TimeProvider);
        try
        {
            await Task.WhenAny(all, grace).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Cancelled agents end this way; the rules already recorded the run's end.
        }
    }

    /// <summary>
    /// Records the event before any of its commands is carried out, so that a crash from here on replays it.
    /// <see cref="RunStarted{TStage}"/> is recorded by a snapshot instead: it makes the journal start afresh under this
    /// session's policy, which is the one a replay of the entries that follow must use.
    /// </summary>
    private async Task JournalAsync(ExecutionEvent<TStage> @event)
    {
        if (_journal is null)
        {
            return;
        }

        if (@event is RunStarted<TStage>)
        {
            await SaveAsync().ConfigureAwait(false);
            return;
        }

        // Like a save, never cancelled: the event of a cancelled run is exactly what must be kept.
        await _journal.AppendAsync(_journalEvents.ToEntry(@event, ++_journalSequence, Elapsed), CancellationToken.None).ConfigureAwait(false);
        _sinceSnapshot++;
    }

    private async Task SaveAsync()
    {
        // With a journal, every event since the snapshot is already durable; a new snapshot is only worth it once
        // enough of them have gathered, or to leave the finished run in one file. The state changes only by events, so
        // with none since the last snapshot there is nothing to write.
        if (_journal is not null && _snapshotTaken && (_sinceSnapshot == 0 || (!_state.IsFinished && _sinceSnapshot < _options.SnapshotInterval)))
        {
            return;
        }

        OrchestrationStateDocument document = _mapper.ToDocument(_state, _metadata with { Elapsed = Elapsed }, _previous);
        if (_journal is not null)
        {
            document.JournalSequence = _journalSequence;
            document.ExecutionPolicy = ExecutionPolicyEntry.From(_options.Policy);
        }

        // Saving must not be cancelled: the state of a cancelled or timed-out run is exactly what must be kept.
        await _store.SaveAsync(document, CancellationToken.None).ConfigureAwait(false);
        _previous = document;
        _snapshotTaken = true;
        _sinceSnapshot = 0;
    }

    private void Report(WorkflowEventKind kind, TStage? stage, string? group, int? iteration, string? detail)
    {
        var @event = new WorkflowEvent(kind, _options.TimeProvider.GetUtcNow(), stage is { } s ? _workflow.GetStageName(s) : null, group, iteration, detail);
        Log.Progress(_logger, @event);
        Telemetry(@event);
        lock (_progressLock)
        {
            _progress?.Report(@event);
        }
    }

    private static void Telemetry(WorkflowEvent @event)
    {
        var stage = new KeyValuePair<string, object?>("teambot.stage", @event.Stage);
        switch (@event.Kind)
        {
            case WorkflowEventKind.StageCompleted or WorkflowEventKind.MemberCompleted:
                WorkflowTelemetry.StagesCompleted.Add(1, stage);
                break;
            case WorkflowEventKind.StageFailed or WorkflowEventKind.MemberFailed:
                WorkflowTelemetry.StageFailures.Add(1, stage);
                break;
            case WorkflowEventKind.ReviewIterationCompleted:
                WorkflowTelemetry.ReviewIterations.Add(1, stage);
                break;
        }
    }

    private WorkflowResult Result() => new(
        _state.Status,
        _state.Error,
        _workflow.StageOrder.Where(_state.Completed.Contains).Select(_workflow.GetStageName).ToImmutableArray(),
        _workflow.StageOrder.Where(_state.Outputs.ContainsKey).ToDictionary(_workflow.GetStageName, stage => _state.Outputs[stage], StringComparer.Ordinal),
        Elapsed,
        _store.Location,
        _runDirectory);
}
