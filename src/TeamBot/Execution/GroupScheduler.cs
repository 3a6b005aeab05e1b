using System;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using TeamBot.Rules;

namespace TeamBot.Execution;

/// <summary>
/// Runs a group's members with at most the group's concurrency at once, with no early cancellation: a member's failure
/// leaves its siblings running. A fixed set of workers takes the members in order, so a group of a thousand members
/// costs as many tasks as its bound, not a thousand waiters on a semaphore.
/// </summary>
internal static class GroupScheduler
{
    /// <summary>Starts the workers; the task ends when every member has reported.</summary>
    /// <param name="command">The members to run.</param>
    /// <param name="concurrency">At most this many at once.</param>
    /// <param name="runMember">Runs one member and reports its outcome.</param>
    public static Task RunAsync<TStage>(RunGroupMembers<TStage> command, int concurrency, Func<TStage, Task> runMember)
        where TStage : struct, Enum
    {
        var next = new StrongBox<int>(-1);
        int workers = Math.Min(Math.Max(concurrency, 1), command.Members.Length);
        var tasks = new Task[workers];
        for (int i = 0; i < workers; i++)
        {
            tasks[i] = WorkAsync(command, next, runMember);
        }

        return Task.WhenAll(tasks);
    }

    private static async Task WorkAsync<TStage>(RunGroupMembers<TStage> command, StrongBox<int> next, Func<TStage, Task> runMember)
        where TStage : struct, Enum
    {
        for (int index = Interlocked.Increment(ref next.Value); index < command.Members.Length; index = Interlocked.Increment(ref next.Value))
        {
            await runMember(command.Members[index]).ConfigureAwait(false);
        }
    }
}
