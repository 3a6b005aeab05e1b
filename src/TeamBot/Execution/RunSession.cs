using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Runtime.ExceptionServices;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using TeamBot.Definitions;
using TeamBot.Execution.Checkpoints;
using TeamBot.Rules;
using TeamBot.State;
using TeamBot.Telemetry;

namespace TeamBot.Execution;

/// <summary>
/// One session of a run, the only place that carries out the rules' commands: it feeds events to the rules and does
/// what they decide. Agent work runs concurrently and reports back through a channel; the rules see one event at a
/// time, so their state needs no locking. Events that arrive together are decided in one round and share one flush.
/// </summary>
internal sealed class RunSession<TStage>
    where TStage : struct, Enum
{
    private readonly IWorkflowDefinition<TStage> _workflow;
    private readonly ExecutionRules<TStage> _rules;
    private readonly StageWork<TStage> _work;
    private readonly RunRecorder<TStage> _recorder;
    private readonly ProgressReporter<TStage> _reporter;
    private readonly WorkflowRunnerOptions _options;
    private readonly RunMetadata _metadata;
    private readonly string _stateLocation;
    private readonly string _runDirectory;
    private readonly IRunFence? _fence;
    private readonly WorkspaceCheckpoints _checkpoints;
    private readonly ILogger _logger;
    private readonly Channel<ExecutionEvent<TStage>> _events = Channel.CreateUnbounded<ExecutionEvent<TStage>>(new UnboundedChannelOptions { SingleReader = true });
    private readonly List<Task> _inFlight = [];
    private readonly List<ExecutionEvent<TStage>> _roundEvents = [];
    private readonly List<Decision<TStage>> _roundDecisions = [];
    private readonly long _started;
    private RunState<TStage> _state;

    // Set by the first piece of work that found the run taken over by another session, or that could not write the
    // run's files; the loop then stops at once.
    private WorkflowStateException? _halted;

    public RunSession(RunDriver<TStage> driver, RunRecorder<TStage> recorder, RunMetadata metadata, RunState<TStage> state, StageWork<TStage> work, IRunFence? fence, ProgressReporter<TStage> reporter, WorkspaceCheckpoints checkpoints, string stateLocation, string runDirectory)
    {
        _workflow = driver.Workflow;
        _rules = driver.Rules;
        _options = driver.Options;
        _logger = driver.Logger;
        _recorder = recorder;
        _metadata = metadata;
        _state = state;
        _work = work;
        _fence = fence;
        _stateLocation = stateLocation;
        _runDirectory = runDirectory;
        _reporter = reporter;
        _checkpoints = checkpoints;
        _started = _options.TimeProvider.GetTimestamp();
    }

    private RunMetadata Now => _metadata with { Elapsed = _metadata.Elapsed + _options.TimeProvider.GetElapsedTime(_started) };

    public async Task<WorkflowResult> RunAsync(CancellationToken cancellationToken)
    {
        using Activity? activity = WorkflowTelemetry.ActivitySource.StartActivity("teambot.run");
        activity?.SetTag("teambot.feature", _metadata.FeatureName);
        TimeSpan remaining = _metadata.TimeBudget - _metadata.Elapsed;
        using var budget = new CancellationTokenSource(remaining > TimeSpan.Zero ? remaining : TimeSpan.FromTicks(1), _options.TimeProvider);
        using var run = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, budget.Token);
        Log.RunStarted(_logger, _metadata.FeatureName, _state.CurrentStage is { } current ? _workflow.GetStageName(current) : "the start");
        WorkflowTelemetry.RunsStarted.Add(1);

        try
        {
            ExecutionEvent<TStage> next = new RunStarted<TStage>(TimeBudgetExhausted: remaining <= TimeSpan.Zero);
            while (true)
            {
                DecideRound(next);
                await WriteReportsAsync().ConfigureAwait(false);
                await _recorder.RecordAsync(_roundEvents, _state, Now).ConfigureAwait(false);
                DiscardCheckpoints(next is RunStarted<TStage>);
                if (await CarryOutAsync(run.Token).ConfigureAwait(false))
                {
                    break;
                }

                next = await NextEventAsync(run.Token, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (RunFencedException ex)
        {
            // Not the run's end, nor a failure to record: the run is another session's now, and this one writes nothing.
            Log.RunFenced(_logger, _metadata.FeatureName, ex.Message);
            throw;
        }
        finally
        {
            // Also when the loop throws (a journal or state write failed): agents still running must be stopped, or a
            // resume, once the lock is released, would run them a second time beside the first.
            await run.CancelAsync().ConfigureAwait(false);
            await DrainAsync().ConfigureAwait(false);
        }

        Log.RunEnded(_logger, _metadata.FeatureName, _state.Status);
        string status = RunStatusText.ToText(_state.Status);
        activity?.SetTag("teambot.status", status);
        WorkflowTelemetry.RunsFinished.Add(1, new KeyValuePair<string, object?>("teambot.status", status));
        WorkflowTelemetry.RunDuration.Record(_options.TimeProvider.GetElapsedTime(_started).TotalSeconds, new KeyValuePair<string, object?>("teambot.status", status));
        if (_state.Status == RunStatus.Cancelled)
        {
            // Only a run the rules stopped as cancelled reports cancellation: a run that finished as the caller
            // cancelled has its own outcome, saved and shown as it is.
            throw new OperationCanceledException("The run was cancelled; its state is saved.", cancellationToken);
        }

        return Result();
    }

    /// <summary>The next event: a result that has arrived, else the stop the run's token asks for, else the next result.</summary>
    /// <remarks>
    /// Results that arrived are decided first, even when the run is stopping, so that finished work is kept. Work started
    /// after the run began to stop ends without a result, so the stop is checked before deciding that nothing runs.
    /// </remarks>
    private async ValueTask<ExecutionEvent<TStage>> NextEventAsync(CancellationToken run, CancellationToken caller)
    {
        // Results that arrived are not decided once the run halted: taken over, they are the other session's to produce;
        // with files that cannot be written, they are produced again when the run resumes, as after a crash.
        ThrowIfHalted();
        if (_events.Reader.TryRead(out ExecutionEvent<TStage>? arrived))
        {
            return arrived;
        }

        _inFlight.RemoveAll(task => task.IsCompleted);
        if (!run.IsCancellationRequested && _inFlight.Count == 0 && !_events.Reader.TryPeek(out _))
        {
            // Nothing runs and nothing will report: waiting would hang forever, so this is a bug in the rules (unless the
            // last piece of work found the run taken over).
            ThrowIfHalted();
            throw new InvalidOperationException($"The run stalled after {_roundEvents[^1].GetType().Name}: no work is running and none was asked for.");
        }

        try
        {
            return await _events.Reader.ReadAsync(run).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (run.IsCancellationRequested)
        {
            ThrowIfHalted();
            return caller.IsCancellationRequested ? new RunCancelled<TStage>() : new TimeBudgetExhausted<TStage>();
        }
        catch (ChannelClosedException)
        {
            // Only a piece of work that halted the run closes the channel.
            ThrowIfHalted();
            throw;
        }
    }

    private void ThrowIfHalted()
    {
        if (Volatile.Read(ref _halted) is { } halted)
        {
            ExceptionDispatchInfo.Throw(halted);
        }
    }

    /// <summary>Decides <paramref name="first"/> and every event already waiting, up to the decision that ends the run.</summary>
    private void DecideRound(ExecutionEvent<TStage> first)
    {
        _roundEvents.Clear();
        _roundDecisions.Clear();
        ExecutionEvent<TStage>? @event = first;
        while (@event is not null)
        {
            Decision<TStage> decision = _rules.Decide(_state, @event);
            _state = decision.State;
            _roundEvents.Add(@event);
            _roundDecisions.Add(decision);
            @event = !_state.IsFinished && @event is not RunStarted<TStage> && _events.Reader.TryRead(out ExecutionEvent<TStage>? waiting) ? waiting : null;
        }
    }

    /// <summary>Carries out the round's commands in order; returns whether the run finished.</summary>
    /// <remarks>
    /// One save covers the round and comes first: the round's last state holds every earlier one, and it is durable
    /// before any work of the round is handed out.
    /// </remarks>
    private async Task<bool> CarryOutAsync(CancellationToken cancellationToken)
    {
        if (AsksToSave())
        {
            await _recorder.SaveAsync(_state, Now).ConfigureAwait(false);
        }

        foreach ((Decision<TStage> decision, ExecutionCommand<TStage> command) in RoundCommands())
        {
            switch (command)
            {
                case SaveState<TStage>:
                    break;
                case Notify<TStage> notify:
                    _reporter.Report(notify, decision.State.Status, Now.Elapsed);
                    break;
                case FinishRun<TStage>:
                    return true;
                case RunGroupMembers<TStage> group:
                    StartGroup(group, decision.State, cancellationToken);
                    break;
                case AgentCommand<TStage> work:
                    Track(_work.StartAsync(work, decision.State, cancellationToken));
                    break;
                case WriteReviewFailureReport<TStage>:
                    break; // written before the round was recorded

                default:
                    throw new InvalidOperationException($"The driver cannot carry out {command.GetType().Name}.");
            }
        }

        return false;
    }

    /// <summary>
    /// Writes the round's failure reports before the round is recorded. A report is derived from the state alone, so
    /// writing it twice is harmless; written after, a crash in between would leave a run whose end is durable (and
    /// which therefore never runs again) without its report.
    /// </summary>
    private async Task WriteReportsAsync()
    {
        foreach ((_, ExecutionCommand<TStage> command) in RoundCommands())
        {
            if (command is WriteReviewFailureReport<TStage> report)
            {
                if (_fence is not null)
                {
                    await _fence.EnsureCurrentAsync(CancellationToken.None).ConfigureAwait(false);
                }

                await ReviewFailureReport.WriteAsync(_options.FileSystem, _runDirectory, _workflow.GetStageName(report.Stage), report.Attempts, report.Round, _options.TimeProvider.GetUtcNow()).ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// Drops the workspace checkpoints of work whose result the round recorded; when the session starts, every one but
    /// those of the work it asks for first (see <see cref="WorkspaceCheckpoints.DiscardAllBut"/>).
    /// </summary>
    private void DiscardCheckpoints(bool sessionStart)
    {
        if (sessionStart)
        {
            var outstanding = new HashSet<string>(StringComparer.Ordinal);
            foreach ((_, ExecutionCommand<TStage> command) in RoundCommands())
            {
                IEnumerable<ExecutionCommand<TStage>> work = command is RunGroupMembers<TStage> group
                    ? group.Members.Select(member => new RunStageWork<TStage>(member))
                    : [command];
                outstanding.UnionWith(work.Select(item => CheckpointKey.Of(_workflow, item)).OfType<string>());
            }

            _checkpoints.DiscardAllBut(outstanding);
            return;
        }

        foreach (ExecutionEvent<TStage> @event in _roundEvents)
        {
            if (CheckpointKey.OfSuccess(_workflow, @event) is { } key)
            {
                _checkpoints.Discard(key);
            }
        }
    }

    private bool AsksToSave() => RoundCommands().Any(item => item.Command is SaveState<TStage>);

    /// <summary>The round's commands in the order they were decided, each with the decision that gave it.</summary>
    private IEnumerable<(Decision<TStage> Decision, ExecutionCommand<TStage> Command)> RoundCommands() =>
        _roundDecisions.SelectMany(decision => decision.Commands, (decision, command) => (decision, command));

    private void StartGroup(RunGroupMembers<TStage> command, RunState<TStage> state, CancellationToken cancellationToken)
    {
        int concurrency = _options.MaxConcurrency ?? command.Group.MaxConcurrency;
        _inFlight.Add(GroupScheduler.RunAsync(command, concurrency, member => RunMemberAsync(command.Group.Name, member, state, cancellationToken)));
    }

    private async Task RunMemberAsync(string group, TStage member, RunState<TStage> state, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return; // the run is stopping: members not yet started stay pending for the resume
        }

        _reporter.Report(WorkflowEventKind.MemberStarted, member, group, null, null);

        // Each member reports as it finishes, so the rules record it (and save) before its siblings are done.
        await ForwardAsync(_work.StartAsync(new RunStageWork<TStage>(member), state, cancellationToken)).ConfigureAwait(false);
    }

    /// <summary>Tracks the work; the main loop prunes finished tasks after every round.</summary>
    private void Track(Task<ExecutionEvent<TStage>?> work) => _inFlight.Add(ForwardAsync(work));

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
        catch (Exception ex) when (ex is RunFencedException or RunStorageException)
        {
            // The run was taken over, or its files cannot be written: wake the loop, which stops the session instead of
            // deciding anything more. The last saved state stays as it was, for a resume.
            Interlocked.CompareExchange(ref _halted, (WorkflowStateException)ex, null);
            _events.Writer.TryComplete();
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

    private WorkflowResult Result() => new(
        _state.Status,
        _state.Error,
        _workflow.StageOrder.Where(_state.Completed.Contains).Select(_workflow.GetStageName).ToImmutableArray(),
        _workflow.StageOrder.Where(_state.Outputs.ContainsKey).ToDictionary(_workflow.GetStageName, stage => _state.Outputs[stage], StringComparer.Ordinal),
        Now.Elapsed,
        _stateLocation,
        _runDirectory)
    {
        Usage = _state.TotalUsage,
    };
}
