using System;
using System.IO;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using TeamBot.Agents;
using TeamBot.Execution;
using TeamBot.Objectives;
using TeamBot.Rules;
using TeamBot.State;

namespace TeamBot.Benchmarks;

/// <summary>
/// 1000 members that each take 10 ms, at most 8 at once: the ideal is 125 x 10 ms = 1.25 s. Each invocation is long, so
/// it is measured a few times rather than in a tight loop.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 5)]
public class GroupLatencyBenchmarks
{
    private static readonly AgentRegistry Slow = AgentRegistry.ForAll(new NoOpAgent(TimeSpan.FromMilliseconds(10)));

    /// <summary>TeamBot's group: a semaphore of 8 over 1000 members.</summary>
    [Benchmark(Baseline = true)]
    public async Task<RunStatus> TeamBotGroup1000x10ms()
    {
        string directory = Path.Combine(Path.GetTempPath(), "teambot-bench");
        var runner = new WorkflowRunner<WideStage>(Wide.Definition, Slow, new InMemoryStateStore(), new WorkflowRunnerOptions { RunDirectory = directory, WorkingDirectory = directory });
        return Completed.Check((await runner.RunAsync(new Objective { Title = "Benchmark", FeatureName = "bench" })).Status);
    }

    /// <summary>
    /// The floor: 1000 plain <see cref="Task.Delay(TimeSpan)"/> calls of 10 ms under a semaphore of 8, with no engine.
    /// Timer resolution makes each 10 ms wait take longer on most machines, so this, not 125 x 10 ms, is the real ideal.
    /// </summary>
    [Benchmark]
    public async Task<int> PlainSemaphore1000x10ms()
    {
        using var slots = new System.Threading.SemaphoreSlim(8);
        var members = new Task[1000];
        for (int i = 0; i < members.Length; i++)
        {
            members[i] = MemberAsync(slots);
        }

        await Task.WhenAll(members);
        return members.Length;
    }

    /// <summary>The same fan-out and fan-in on Microsoft Agent Framework workflows.</summary>
    [Benchmark]
    public Task MafFanOut1000x10ms() => MafWorkloads.RunAsync(MafWorkloads.BuildFanOutFanIn(1000, 8, TimeSpan.FromMilliseconds(10)));

    private static async Task MemberAsync(System.Threading.SemaphoreSlim slots)
    {
        await slots.WaitAsync();
        try
        {
            await Task.Delay(TimeSpan.FromMilliseconds(10));
        }
        finally
        {
            slots.Release();
        }
    }
}
