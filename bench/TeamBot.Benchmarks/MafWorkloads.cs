using System;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Agents.AI.Workflows;
// The source generator emits TeamBot.Benchmarks.Workflow (from stages.yaml), which would hide MAF's Workflow here.
using MafWorkflow = Microsoft.Agents.AI.Workflows.Workflow;

namespace TeamBot.Benchmarks;

/// <summary>
/// The same workloads as our engine's benchmarks, built on Microsoft Agent Framework workflows
/// (Microsoft.Agents.AI.Workflows), so the two engines' overheads can be compared.
/// </summary>
/// <remarks>
/// A built <see cref="MafWorkflow"/> is a definition: build it once and run it as often as needed, one run at a time
/// (MAF lets a workflow be owned by one run at a time; disposing the run releases it).
/// </remarks>
internal static class MafWorkloads
{
    private const string Input = "go";

    // BindAsExecutor wraps a delegate in one executor that every run of the workflow reuses, so MAF needs no reset
    // between runs; the delegates keep any state themselves (only the join below has some).
    private static readonly Func<string, string> PassThrough = static message => message;

    /// <summary>A linear chain of <paramref name="stages"/> no-op executors; the last one yields the workflow's output.</summary>
    /// <param name="stages">The number of executors in the chain, at least 1.</param>
    /// <returns>The workflow, ready for <see cref="RunAsync"/>.</returns>
    public static MafWorkflow BuildLinear(int stages)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(stages, 1);

        ExecutorBinding previous = PassThrough.BindAsExecutor("stage-0");
        WorkflowBuilder builder = new(previous);
        for (int i = 1; i < stages; i++)
        {
            // A handler's return value is sent on along the edge (ExecutorOptions.AutoSendMessageHandlerResultObject).
            ExecutorBinding next = PassThrough.BindAsExecutor($"stage-{i}");
            builder.AddEdge(previous, next);
            previous = next;
        }

        // ...and yielded as the workflow's output by the executor registered here (AutoYieldOutputHandlerResultObject).
        return builder.WithOutputFrom(previous).Build();
    }

    /// <summary>
    /// A start executor that fans out to <paramref name="members"/> executors, at most <paramref name="maxConcurrency"/>
    /// of them running at once, and a fan-in barrier to a join executor that yields the output once all have answered.
    /// </summary>
    /// <param name="members">The number of member executors, at least 1.</param>
    /// <param name="maxConcurrency">How many members may run at once, at least 1.</param>
    /// <param name="memberDelay">How long each member takes (models an agent call); <see cref="TimeSpan.Zero"/> for none.</param>
    /// <returns>The workflow, ready for <see cref="RunAsync"/>.</returns>
    public static MafWorkflow BuildFanOutFanIn(int members, int maxConcurrency, TimeSpan memberDelay)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(members, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxConcurrency, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(memberDelay, TimeSpan.Zero);

        // MAF has no concurrency bound: each superstep delivers to every receiving executor at once (Task.WhenAll in
        // InProcessRunner), so all members of the fan-out would run together. Our engine bounds them with a semaphore,
        // so for a fair comparison the members share one here. It lives as long as the workflow; never disposed, since
        // SemaphoreSlim only needs disposing when its AvailableWaitHandle has been used.
        SemaphoreSlim gate = new(maxConcurrency, maxConcurrency);
        Func<string, CancellationToken, ValueTask<string>> member = async (message, cancellationToken) =>
        {
            await gate.WaitAsync(cancellationToken);
            try
            {
                if (memberDelay > TimeSpan.Zero)
                {
                    await Task.Delay(memberDelay, cancellationToken);
                }

                return message;
            }
            finally
            {
                gate.Release();
            }
        };

        // The barrier holds the members' messages until every member has sent one, then delivers them all to the join
        // in the next superstep, one after another; the join yields the output on the last. The count is shared by the
        // runs of this workflow (which MAF runs one at a time) and goes back to zero at the end of each. MAF only lets
        // an executor yield the output types it declares, hence [YieldsOutput] on the handler.
        int received = 0;
        Func<string, IWorkflowContext, CancellationToken, ValueTask> join = [YieldsOutput(typeof(int))] (message, context, cancellationToken) =>
        {
            if (++received < members)
            {
                return default;
            }

            received = 0;
            return context.YieldOutputAsync(members, cancellationToken);
        };

        ExecutorBinding start = PassThrough.BindAsExecutor("start");
        ExecutorBinding[] memberBindings = new ExecutorBinding[members];
        for (int i = 0; i < members; i++)
        {
            memberBindings[i] = member.BindAsExecutor($"member-{i}");
        }

        ExecutorBinding joinBinding = join.BindAsExecutor("join");
        return new WorkflowBuilder(start)
            .AddFanOutEdge(start, memberBindings)
            .AddFanInBarrierEdge(memberBindings, joinBinding)
            .WithOutputFrom(joinBinding)
            .Build();
    }

    /// <summary>Runs <paramref name="workflow"/> in-process until it has finished, and checks that it produced its output.</summary>
    /// <param name="workflow">A workflow from <see cref="BuildLinear"/> or <see cref="BuildFanOutFanIn"/>.</param>
    /// <param name="cancellationToken">Cancels the run.</param>
    /// <returns>A task that completes when the run has finished.</returns>
    /// <exception cref="InvalidOperationException">The run failed or ended without output.</exception>
    public static async Task RunAsync(MafWorkflow workflow, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(workflow);

        // InProcessExecution.RunAsync returns once the run has halted: no messages are left for another superstep
        // and none of these workflows makes external requests, so halted means finished. Disposing the run releases
        // the workflow for the next one.
        await using Run run = await InProcessExecution.RunAsync(workflow, Input, cancellationToken: cancellationToken);

        // Executor exceptions do not propagate; MAF reports them as events, so look for them (and for the output).
        bool produced = false;
        foreach (WorkflowEvent workflowEvent in run.OutgoingEvents)
        {
            switch (workflowEvent)
            {
                case WorkflowErrorEvent error:
                    throw new InvalidOperationException("The MAF workflow failed.", error.Exception);
                case ExecutorFailedEvent failed:
                    throw new InvalidOperationException($"MAF executor '{failed.ExecutorId}' failed.", failed.Data);
                case WorkflowOutputEvent:
                    produced = true;
                    break;
            }
        }

        RunStatus status = await run.GetStatusAsync(cancellationToken);
        if (!produced || status != RunStatus.Idle)
        {
            throw new InvalidOperationException($"The MAF workflow stopped without its output (status {status}).");
        }
    }
}
