using System;
using System.Collections.Generic;
using System.Linq;
using TeamBot.Execution;
using TeamBot.Rules;

namespace TeamBot.Tests.Rules;

/// <summary>Drives the pure rules with scripted answers to their commands: no agents, threads or clocks.</summary>
internal sealed class RulesDriver<TStage>(ExecutionRules<TStage> rules, Func<ExecutionCommand<TStage>, IEnumerable<ExecutionEvent<TStage>>> answer)
    where TStage : struct, Enum
{
    public List<ExecutionCommand<TStage>> Commands { get; } = [];

    public RunState<TStage> Run(RunState<TStage>? from = null)
    {
        RunState<TStage> state = from ?? new RunState<TStage>();
        var pending = new Queue<ExecutionEvent<TStage>>([new RunStarted<TStage>()]);
        while (pending.TryDequeue(out ExecutionEvent<TStage>? next))
        {
            Decision<TStage> decision = rules.Decide(state, next);
            state = decision.State;
            Commands.AddRange(decision.Commands);
            if (decision.Commands.Any(command => command is FinishRun<TStage>))
            {
                return state;
            }

            foreach (ExecutionCommand<TStage> command in decision.Commands)
            {
                foreach (ExecutionEvent<TStage> reply in answer(command))
                {
                    pending.Enqueue(reply);
                }
            }
        }

        return state;
    }

    public IEnumerable<Notify<TStage>> Notifications => Commands.OfType<Notify<TStage>>();

    /// <summary>Answers every command with success: reviews approve, acceptance tests pass.</summary>
    public static IEnumerable<ExecutionEvent<TStage>> Succeed(ExecutionCommand<TStage> command) => command switch
    {
        RunStageWork<TStage> c => [new StageSucceeded<TStage>(c.Stage, $"{c.Stage} done")],
        RunGroupMembers<TStage> c => c.Members.Select(member => (ExecutionEvent<TStage>)new StageSucceeded<TStage>(member, $"{member} done")),
        RunReviewWork<TStage> c => [new ReviewWorkDone<TStage>(c.Stage, c.Iteration, $"work {c.Iteration}")],
        RunReview<TStage> c => [new ReviewVerdictGiven<TStage>(c.Stage, c.Iteration, true, "VERIFIED_APPROVED: ok")],
        RunAcceptanceTests<TStage> c => [new AcceptanceTestsRan<TStage>(c.Stage, c.Iteration, 3, 0, 3, "PASS x3")],
        FixAcceptanceFailures<TStage> c => [new AcceptanceFixApplied<TStage>(c.Stage, c.Iteration, "fixed")],
        _ => [],
    };
}
