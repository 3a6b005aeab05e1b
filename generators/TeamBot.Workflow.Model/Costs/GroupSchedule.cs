using System;
using System.Collections.Generic;
using System.Linq;

namespace TeamBot.Workflow.Costs;

/// <summary>
/// A parallel group's worst time, scheduled as the runtime's GroupScheduler runs it: a fixed set of workers, as many as
/// the group's concurrency allows, each taking the next member in declared order as soon as it is free. Every member
/// takes its worst time; a member that ends sooner can only let the group end sooner, since it frees its worker earlier.
/// </summary>
internal static class GroupSchedule
{
    /// <summary>The group's makespan and the members run by the worker that finishes last (the first such worker).</summary>
    public static (TimeSpan Makespan, List<string> Deciding) Makespan(IReadOnlyList<StageWorstCase> members, int concurrency)
    {
        int workers = Math.Min(concurrency, members.Count);
        if (workers == 0)
        {
            return (TimeSpan.Zero, []);
        }

        var finish = new TimeSpan[workers];
        var chains = new List<string>[workers];
        for (int i = 0; i < workers; i++)
        {
            chains[i] = [];
        }

        foreach (StageWorstCase member in members)
        {
            int free = 0;
            for (int i = 1; i < workers; i++)
            {
                if (finish[i] < finish[free])
                {
                    free = i;
                }
            }

            finish[free] = Saturating.Add(finish[free], member.Time!.Value);
            if (member.Time.Value > TimeSpan.Zero)
            {
                chains[free].Add(member.Key);
            }
        }

        TimeSpan makespan = finish.Max();
        return (makespan, chains[Array.IndexOf(finish, makespan)]);
    }
}
