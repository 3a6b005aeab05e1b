using System.Collections.Generic;
using TeamBot.Agents;
using TeamBot.State;

namespace TeamBot.Testing;

/// <summary>
/// One trial's crash schedule and what its stores made durable: the writes so far (counted over every session) and
/// which agent calls' answers reached the journal.
/// </summary>
internal sealed class CrashPlan(CrashPoint? first, bool crashAgain)
{
    private readonly object _gate = new();
    private readonly Dictionary<AnswerKey, int> _durable = [];
    private CrashPoint? _next = first;

    public int Writes { get; private set; }

    public int Crashes { get; private set; }

    /// <summary>Gets each write's size in order: the entries of a journal append, or -1 for a snapshot.</summary>
    public List<int> WriteSizes { get; } = [];

    /// <summary>Whether the write about to be made is where to crash at <paramref name="moment"/>.</summary>
    public bool CrashesAt(CrashMoment moment)
    {
        lock (_gate)
        {
            return _next is { } point && point.Write == Writes + 1 && point.Moment == moment;
        }
    }

    /// <summary>Whether the crash point is just after the write that has just finished.</summary>
    public bool CrashedAfter()
    {
        lock (_gate)
        {
            return _next is { Moment: CrashMoment.AfterWrite } point && point.Write == Writes;
        }
    }

    /// <summary>Counts a finished write and the answers it made durable.</summary>
    public void Wrote(bool snapshot, IEnumerable<JournalEntry> entries)
    {
        lock (_gate)
        {
            Writes++;
            int size = 0;
            foreach (JournalEntry entry in entries)
            {
                size++;
                if (AnswerKey.Of(entry) is { } key)
                {
                    _durable[key] = _durable.GetValueOrDefault(key) + 1;
                }
            }

            WriteSizes.Add(snapshot ? -1 : size);
        }
    }

    /// <summary>Records the crash; with <c>crashAgain</c>, the resume crashes too, while recording its first event.</summary>
    public SimulatedCrashException Crash()
    {
        lock (_gate)
        {
            Crashes++;
            _next = crashAgain && Crashes == 1 ? new CrashPoint(Writes + 2, CrashMoment.BeforeWrite) : null;
            return new SimulatedCrashException($"Simulated crash after {Writes} durable writes.");
        }
    }

    /// <summary>Whether the answer to <paramref name="call"/> is durable.</summary>
    public bool IsAnswered(AgentCall call)
    {
        lock (_gate)
        {
            return _durable.ContainsKey(AnswerKey.Of(call));
        }
    }

    /// <summary>What identifies the event that answers a call: the event's kind, the stage and the iteration.</summary>
    private readonly record struct AnswerKey(string Answer, string Stage, int Iteration)
    {
        public static AnswerKey Of(AgentCall call) => call.Task switch
        {
            AgentTask.ReviseWork => new("review_work_done", call.Stage, call.Iteration),
            AgentTask.Review => new("review_verdict_given", call.Stage, call.Iteration),
            AgentTask.RunAcceptanceTests => new("acceptance_tests_ran", call.Stage, call.Iteration),
            AgentTask.FixAcceptanceFailures or AgentTask.AddAcceptanceScenarios => new("acceptance_fix_applied", call.Stage, call.Iteration),
            _ => new("stage_finished", call.Stage, 0),
        };

        public static AnswerKey? Of(JournalEntry entry) => entry switch
        {
            { Stage: null } => null,
            { Event: "stage_succeeded" or "stage_failed" } => new("stage_finished", entry.Stage, 0),
            { Iteration: { } iteration } => new(entry.Event, entry.Stage, iteration),
            _ => null,
        };
    }
}
