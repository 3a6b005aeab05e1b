using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using TeamBot.Agents;
using TeamBot.Execution;
using TeamBot.Objectives;
using TeamBot.State;

namespace TeamBot.Benchmarks;

/// <summary>The executor's overhead with no-op agents and the state kept in memory.</summary>
[MemoryDiagnoser]
public class ExecutorBenchmarks
{
    private static readonly Objective Objective = new() { Title = "Benchmark", FeatureName = "bench" };
    private static readonly AgentRegistry Agents = AgentRegistry.ForAll(new NoOpAgent());

    /// <summary>100 stages, each one transition: divide by 100 for the cost of one stage.</summary>
    [Benchmark]
    public async Task<RunStatus> Linear100Stages()
    {
        var runner = new WorkflowRunner<LinearStage>(Linear.Definition, Agents, new InMemoryStateStore(), new WorkflowRunnerOptions { RunDirectory = "/tmp/teambot-bench" });
        return (await runner.RunAsync(Objective)).Status;
    }

    /// <summary>The rules alone: one stage transition, no runner.</summary>
    [Benchmark]
    public int RulesOnlyLinear100Stages()
    {
        var rules = new ExecutionRules<LinearStage>(Linear.Definition);
        Decision<LinearStage> decision = rules.Decide(new RunState<LinearStage>(), new RunStarted<LinearStage>());
        int transitions = 0;
        while (decision.State.Status == RunStatus.InProgress)
        {
            LinearStage stage = decision.State.CurrentStage!.Value;
            decision = rules.Decide(decision.State, new StageSucceeded<LinearStage>(stage, "ok"));
            transitions++;
        }

        return transitions;
    }
}
