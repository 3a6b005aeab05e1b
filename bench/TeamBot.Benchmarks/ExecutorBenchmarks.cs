using System;
using System.IO;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using TeamBot.Agents;
using TeamBot.Execution;
using TeamBot.Objectives;
using TeamBot.Rules;
using TeamBot.State;
using MafWorkflow = Microsoft.Agents.AI.Workflows.Workflow;

namespace TeamBot.Benchmarks;

/// <summary>The executor's own cost with no-op agents and the state kept in memory (serialized to JSON as on disk).</summary>
[MemoryDiagnoser]
public class ExecutorBenchmarks
{
    private static readonly Objective Objective = new() { Title = "Benchmark", FeatureName = "bench" };
    private static readonly string RunDirectory = Path.Combine(Path.GetTempPath(), "teambot-bench");
    private static readonly AgentRegistry NoOp = AgentRegistry.ForAll(new NoOpAgent());
    private MafWorkflow _mafLinear = null!;
    private MafWorkflow _mafFanOut = null!;

    [GlobalSetup]
    public void Setup()
    {
        // MAF workflows are definitions, built once and run many times, as ours are compiled once.
        _mafLinear = MafWorkloads.BuildLinear(1000);
        _mafFanOut = MafWorkloads.BuildFanOutFanIn(1000, 8, TimeSpan.Zero);
    }

    /// <summary>The repo's 14-stage workflow end to end (reviews approve at once, one acceptance run).</summary>
    [Benchmark]
    public Task<RunStatus> Delivery14Stages() => RunAsync(Delivery.Definition, NoOp);

    /// <summary>1000 stages in a line: divide by 1000 for one stage's overhead.</summary>
    [Benchmark]
    public Task<RunStatus> Linear1000Stages() => RunAsync(Linear.Definition, NoOp);

    /// <summary>The same 1000 stages with the state on disk: each event is a journal line flushed to disk.</summary>
    [Benchmark]
    public async Task<RunStatus> Linear1000StagesOnDisk()
    {
        string directory = Path.Combine(RunDirectory, "disk");
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }

        var runner = new WorkflowRunner<LinearStage>(Linear.Definition, NoOp, new FileStateStore(directory), new WorkflowRunnerOptions { RunDirectory = directory, WorkingDirectory = directory });
        return Completed.Check((await runner.RunAsync(Objective)).Status);
    }

    /// <summary>The same 1000-stage chain of no-op executors on Microsoft Agent Framework workflows.</summary>
    [Benchmark]
    public Task MafLinear1000Executors() => MafWorkloads.RunAsync(_mafLinear);

    /// <summary>The rules alone over the same 1000 stages: one transition each, no runner, no state store.</summary>
    [Benchmark]
    public int RulesOnlyLinear1000Stages()
    {
        var rules = new ExecutionRules<LinearStage>(Linear.Definition);
        Decision<LinearStage> decision = rules.Decide(new RunState<LinearStage>(), new RunStarted<LinearStage>());
        int transitions = 0;
        while (decision.State.Status == RunStatus.InProgress)
        {
            decision = rules.Decide(decision.State, new StageSucceeded<LinearStage>(decision.State.CurrentStage!.Value, "ok"));
            transitions++;
        }

        return transitions;
    }

    /// <summary>A 1000-member group at concurrency 8 with no-op members.</summary>
    [Benchmark]
    public Task<RunStatus> Group1000NoOp() => RunAsync(Wide.Definition, NoOp);

    /// <summary>A fan-out to 1000 no-op executors and a fan-in barrier on Microsoft Agent Framework workflows, 8 at once.</summary>
    [Benchmark]
    public Task MafFanOut1000NoOp() => MafWorkloads.RunAsync(_mafFanOut);

    private static async Task<RunStatus> RunAsync<TStage>(Definitions.IWorkflowDefinition<TStage> workflow, AgentRegistry agents)
        where TStage : struct, Enum
    {
        var runner = new WorkflowRunner<TStage>(workflow, agents, new InMemoryStateStore(), new WorkflowRunnerOptions { RunDirectory = RunDirectory, WorkingDirectory = RunDirectory });
        return Completed.Check((await runner.RunAsync(Objective)).Status);
    }
}
