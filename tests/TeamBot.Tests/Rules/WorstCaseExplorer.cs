using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using TeamBot.Definitions;
using TeamBot.Rules;

namespace TeamBot.Tests.Rules;

/// <summary>
/// Walks every outcome path of the pure rules, depth first: each agent command is answered with each thing it can
/// report (work done or failed, a review approved or rejected, an acceptance run passed or failed, each group member
/// done or failed), and since states are immutable each branch simply keeps the state it started from. Along each path
/// it counts agent calls per stage as StageWork makes them and keeps a clock on which every agent command runs to its
/// stage's timeout and a group's members are scheduled as GroupScheduler runs them.
/// </summary>
/// <typeparam name="TStage">The generated stage enum.</typeparam>
internal sealed class WorstCaseExplorer<TStage>
    where TStage : struct, Enum
{
    private readonly IWorkflowDefinition<TStage> _workflow;
    private readonly ExecutionRules<TStage> _rules;
    private readonly Dictionary<TStage, int> _index;

    public WorstCaseExplorer(IWorkflowDefinition<TStage> workflow)
    {
        _workflow = workflow;
        _rules = new ExecutionRules<TStage>(workflow);
        _index = workflow.StageOrder.Select((stage, i) => (stage, i)).ToDictionary(pair => pair.stage, pair => pair.i);
    }

    /// <summary>Gets every path's end, in the order found.</summary>
    public List<PathEnd> Paths { get; } = [];

    public WorstCaseExplorer<TStage> Explore()
    {
        Step(new RunState<TStage>(), ImmutableQueue.Create<ExecutionEvent<TStage>>(new RunStarted<TStage>()), new int[_index.Count], TimeSpan.Zero, failed: false);
        return this;
    }

    private void Step(RunState<TStage> state, ImmutableQueue<ExecutionEvent<TStage>> pending, int[] calls, TimeSpan clock, bool failed)
    {
        if (pending.IsEmpty)
        {
            throw new InvalidOperationException($"The run stopped with nothing to do at {state.CurrentStage} ({state.Status}).");
        }

        pending = pending.Dequeue(out ExecutionEvent<TStage> next);
        Decision<TStage> decision = _rules.Decide(state, next);
        if (decision.Commands.Any(command => command is FinishRun<TStage>))
        {
            Paths.Add(new PathEnd(decision.State.Status, decision.State.CurrentStage, [.. calls], clock, failed));
            return;
        }

        ExecutionCommand<TStage>[] work = decision.Commands.Where(command => command is AgentCommand<TStage> or RunGroupMembers<TStage>).ToArray();
        if (work.Length == 0)
        {
            Step(decision.State, pending, calls, clock, failed);
            return;
        }

        if (work.Length > 1)
        {
            throw new InvalidOperationException($"One decision asked for {work.Length} pieces of work; the rules ask for one at a time.");
        }

        foreach (Outcome outcome in Outcomes(work[0]))
        {
            int[] counted = [.. calls];
            foreach ((TStage stage, int count) in outcome.Calls)
            {
                counted[_index[stage]] += count;
            }

            Step(decision.State, outcome.Events.Aggregate(pending, (queue, reply) => queue.Enqueue(reply)), counted, clock + outcome.Duration, failed || outcome.StageFailed);
        }
    }

    /// <summary>What one piece of work can report, each with the calls it made and how long it took.</summary>
    private IEnumerable<Outcome> Outcomes(ExecutionCommand<TStage> command)
    {
        switch (command)
        {
            case RunStageWork<TStage> c:
                yield return One(c.Stage, Work(c.Stage), new StageSucceeded<TStage>(c.Stage, "done"));
                yield return One(c.Stage, Work(c.Stage), new StageFailed<TStage>(c.Stage, "failed"), stageFailed: true);
                break;
            case RunReviewWork<TStage> c:
                yield return One(c.Stage, 1, new ReviewWorkDone<TStage>(c.Stage, c.Iteration, $"work {c.Iteration}"));
                yield return One(c.Stage, 1, new StageFailed<TStage>(c.Stage, "failed"), stageFailed: true);
                break;
            case RunReview<TStage> c:
                yield return One(c.Stage, 1, new ReviewVerdictGiven<TStage>(c.Stage, c.Iteration, true, "approved"));
                yield return One(c.Stage, 1, new ReviewVerdictGiven<TStage>(c.Stage, c.Iteration, false, "rejected"));
                yield return One(c.Stage, 1, new StageFailed<TStage>(c.Stage, "failed"), stageFailed: true);
                break;
            case RunAcceptanceTests<TStage> c:
                // Always with scenarios (Total > 0): a spec without them makes no agent call.
                yield return One(c.Stage, 1, new AcceptanceTestsRan<TStage>(c.Stage, c.Iteration, 3, 0, 3, "passed"));
                yield return One(c.Stage, 1, new AcceptanceTestsRan<TStage>(c.Stage, c.Iteration, 1, 2, 3, "failed"));
                yield return One(c.Stage, 1, new StageFailed<TStage>(c.Stage, "failed"), stageFailed: true);
                break;
            case FixAcceptanceFailures<TStage> c:
                yield return One(c.Stage, 1, new AcceptanceFixApplied<TStage>(c.Stage, c.Iteration, "fixed"));
                yield return One(c.Stage, 1, new StageFailed<TStage>(c.Stage, "failed"), stageFailed: true);
                break;
            case RunGroupMembers<TStage> c:
                // Every member succeeds or fails on its own: each subset of failures is a path.
                TimeSpan makespan = Makespan(c.Members, c.Group.MaxConcurrency);
                var memberCalls = c.Members.Select(member => (member, Work(member))).ToArray();
                for (int failures = 0; failures < 1 << c.Members.Length; failures++)
                {
                    ExecutionEvent<TStage>[] events = c.Members.Select((member, i) => (failures & (1 << i)) == 0
                        ? (ExecutionEvent<TStage>)new StageSucceeded<TStage>(member, "done")
                        : new StageFailed<TStage>(member, "failed")).ToArray();
                    yield return new Outcome(events, memberCalls, makespan, failures != 0);
                }

                break;
            default:
                throw new InvalidOperationException($"Unexpected work {command.GetType().Name}.");
        }
    }

    /// <summary>The calls of a work command: its parallel agents, all in one command, or its one work agent.</summary>
    private int Work(TStage stage)
    {
        StageDescriptor<TStage> descriptor = _workflow.GetStage(stage);
        return descriptor.ParallelAgents.IsEmpty ? 1 : descriptor.ParallelAgents.Length;
    }

    private Outcome One(TStage stage, int calls, ExecutionEvent<TStage> reply, bool stageFailed = false) =>
        new([reply], [(stage, calls)], Limit(stage), stageFailed);

    private TimeSpan Limit(TStage stage) =>
        _workflow.GetStage(stage).Timeout ?? throw new InvalidOperationException($"{stage} has no timeout to simulate.");

    /// <summary>As GroupScheduler: a fixed set of workers, each taking the next member in order as soon as it is free.</summary>
    private TimeSpan Makespan(ImmutableArray<TStage> members, int concurrency)
    {
        var free = new TimeSpan[Math.Min(Math.Max(concurrency, 1), members.Length)];
        foreach (TStage member in members)
        {
            int worker = Array.IndexOf(free, free.Min());
            free[worker] += Limit(member);
        }

        return free.Max();
    }

    /// <summary>How one path ended.</summary>
    /// <param name="Status">The run's final status.</param>
    /// <param name="Stage">The stage it ended at.</param>
    /// <param name="Calls">The agent calls each stage made, by position in stage_order.</param>
    /// <param name="Clock">When it ended.</param>
    /// <param name="StageFailed">Whether an agent command failed on the way (rather than a review rejecting or a test failing).</param>
    internal sealed record PathEnd(RunStatus Status, TStage? Stage, int[] Calls, TimeSpan Clock, bool StageFailed)
    {
        public int Total => Calls.Sum();
    }

    private sealed record Outcome(ExecutionEvent<TStage>[] Events, (TStage Stage, int Calls)[] Calls, TimeSpan Duration, bool StageFailed);
}
