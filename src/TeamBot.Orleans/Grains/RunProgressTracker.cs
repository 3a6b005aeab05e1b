using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using TeamBot.Execution;
using TeamBot.Orleans.Contracts;
using TeamBot.Rules;
using TeamBot.State;

namespace TeamBot.Orleans.Grains;

/// <summary>
/// What a run grain tells its watchers: the driver's progress events as they happen, with the status and stages they
/// imply. The driver reports from its own threads while the grain answers on its turn, hence the lock.
/// </summary>
internal sealed class RunProgressTracker : IProgress<WorkflowEvent>
{
    private readonly Lock _gate = new();
    private readonly List<WorkflowEvent> _events = [];
    private readonly List<string> _completed = [];
    private RunStatus _status = RunStatus.InProgress;
    private string? _currentStage;
    private string? _error;
    private TimeSpan _elapsed;
    private TokenUsage _usage;
    private Guid _session = Guid.NewGuid();

    /// <summary>Starts from a saved run: what it had completed, where it stood and, if it had ended, how.</summary>
    public void Seed(OrchestrationStateDocument document)
    {
        lock (_gate)
        {
            _completed.Clear();
            _completed.AddRange(document.CompletedStages ?? []);
            _currentStage = document.CurrentStage;
            _status = RunStatusText.Parse(document.Status);
            _error = document.Error;
            _elapsed = TimeSpan.FromSeconds(document.ElapsedSeconds);
            _usage = (document.TokenUsage ?? []).Aggregate(TokenUsage.Zero, (sum, line) => sum + new TokenUsage(line.InputTokens, line.OutputTokens, line.TotalTokens));
        }
    }

    /// <summary>
    /// A session starts: until it ends, the run is under way, whatever the last one ended with. Its events are numbered
    /// afresh under a new session id, so a watcher knows to read them from the start.
    /// </summary>
    public void Running()
    {
        lock (_gate)
        {
            (_status, _error) = (RunStatus.InProgress, null);
            _events.Clear();
            _session = Guid.NewGuid();
        }
    }

    public void Report(WorkflowEvent value)
    {
        lock (_gate)
        {
            _events.Add(value);

            switch (value.Kind)
            {
                case WorkflowEventKind.StageStarted or WorkflowEventKind.MemberStarted:
                    _currentStage = value.Stage;
                    break;
                case WorkflowEventKind.StageCompleted or WorkflowEventKind.MemberCompleted or WorkflowEventKind.StageSkipped when value.Stage is not null && !_completed.Contains(value.Stage):
                    _completed.Add(value.Stage);
                    break;
            }
        }
    }

    /// <summary>Records how the session ended; the driver's result is the authority on the run's stages.</summary>
    public void Finish(WorkflowResult result)
    {
        lock (_gate)
        {
            (_status, _error, _elapsed, _usage) = (result.Status, result.Error, result.Elapsed, result.Usage);
            _completed.Clear();
            _completed.AddRange(result.CompletedStages);
        }
    }

    public RunProgress Describe(string runId, bool exists, int fromEvent)
    {
        lock (_gate)
        {
            int from = Math.Clamp(fromEvent, 0, _events.Count);
            return new RunProgress
            {
                RunId = runId,
                Exists = exists,
                Status = _status,
                CurrentStage = _currentStage,
                CompletedStages = [.. _completed],
                Error = _error,
                Elapsed = _elapsed,
                InputTokens = _usage.InputTokens,
                OutputTokens = _usage.OutputTokens,
                TotalTokens = _usage.TotalTokens,
                Session = _session,
                Events = _events.Skip(from).ToList(),
                NextEvent = _events.Count,
            };
        }
    }
}
