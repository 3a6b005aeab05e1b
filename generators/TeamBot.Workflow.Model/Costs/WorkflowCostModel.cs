using System;
using System.Collections.Generic;
using System.Linq;
using TeamBot.Workflow.Model;
using TeamBot.Workflow.Validation;
using TeamBot.Workflow.Versioning;

namespace TeamBot.Workflow.Costs;

/// <summary>
/// Computes a workflow's worst case from its declared bounds, as the execution rules would run it (docs/budgets.md):
/// every review iteration rejected, every acceptance run failed until the last, every agent call and command running
/// to its limit. Pure and total: a file with errors gives the figures of what can be read of it.
/// </summary>
public static class WorkflowCostModel
{
    /// <summary>The members of a group without <c>max_concurrency</c> that run at once (the runtime's default).</summary>
    public const int DefaultMaxConcurrency = 2;

    /// <summary>Computes the worst case of <paramref name="document"/>.</summary>
    public static WorkflowWorstCase Compute(WorkflowDocument document) => Compute(new WorkflowIndex(document));

    /// <summary>Computes the worst case of the workflow <paramref name="index"/> was built over, which validation already holds.</summary>
    internal static WorkflowWorstCase Compute(WorkflowIndex index)
    {
        WorkflowDocument document = index.Document;
        Dictionary<string, ParallelGroupDefinition> groupOf = GroupsByMember(document, index);
        var stages = new List<StageWorstCase>(index.Ordered.Count);
        var byKey = new Dictionary<string, StageWorstCase>(StringComparer.Ordinal);
        foreach (StageDefinition stage in index.Ordered)
        {
            StageWorstCase worst = Stage(stage, groupOf.ContainsKey(stage.Key.Value));
            stages.Add(worst);
            byKey.Add(worst.Key, worst);
        }

        int calls = (int)Math.Min(int.MaxValue, stages.Sum(stage => (long)stage.Calls));
        string[] withoutLimit = stages.Where(stage => stage.Tokens is null).Select(stage => stage.Key).ToArray();
        string[] withoutTimeout = stages.Where(stage => stage.Time is null).Select(stage => stage.Key).ToArray();
        long? tokens = withoutLimit.Length > 0 ? null : stages.Aggregate(0L, (sum, stage) => Saturating.Add(sum, stage.Tokens!.Value));
        (TimeSpan? path, List<string> pathStages) = CriticalPath(index, groupOf, byKey);
        return new WorkflowWorstCase(
            stages.ToEquatableArray(),
            calls,
            tokens,
            path,
            pathStages.ToEquatableArray(),
            withoutLimit.ToEquatableArray(),
            withoutTimeout.ToEquatableArray());
    }

    /// <summary>
    /// One pass through a stage, counted as <c>ExecutionRules</c> and <c>StageWork</c> run it. A group member only ever
    /// gets its work command, whatever else it declares (a review member is an error of its own, TB0206).
    /// </summary>
    private static StageWorstCase Stage(StageDefinition stage, bool isMember)
    {
        bool hasAgents = stage.WorkAgent is not null || stage.ParallelAgents.Count > 0;
        long iterations = Math.Max(stage.MaxIterations?.Value ?? WorkflowShape.DefaultMaxIterations, 1);

        // How many agent calls, and how many agent commands one after another (parallel agents share one command).
        (long calls, long commands) = (isMember, stage.IsReviewStage, stage.IsAcceptanceTestStage, hasAgents) switch
        {
            (false, true, _, _) => (2 * iterations, 2 * iterations), // each iteration: the work, then its review
            (false, false, true, _) => ((2 * iterations) - 1, (2 * iterations) - 1), // N test runs and the N-1 fixes between them
            (_, _, _, false) => (0L, 0L), // nothing runs (COMPLETE)
            _ => (Math.Max(stage.ParallelAgents.Count, 1), 1L), // parallel agents replace work_agent in one command
        };

        int? perCall = stage.MaxTokensPerCall?.Value;
        long? tokens = calls == 0 ? 0 : perCall is { } limit ? Saturating.Multiply(calls, limit) : null;
        TimeSpan? timeout = stage.Timeout is { } text ? TimeoutValue.Parse(text.Value) : null;
        TimeSpan? time = commands == 0 ? TimeSpan.Zero : timeout is { } each ? Saturating.Multiply(each, commands) : null;
        return new StageWorstCase(stage.Key.Value, (int)Math.Min(calls, int.MaxValue), tokens, time);
    }

    /// <summary>
    /// The stages in <c>stage_order</c> one after another, each group taken as one step that lasts its makespan. Members
    /// of the same group are never on the path twice.
    /// </summary>
    private static (TimeSpan? Time, List<string> Stages) CriticalPath(WorkflowIndex index, Dictionary<string, ParallelGroupDefinition> groupOf, Dictionary<string, StageWorstCase> byKey)
    {
        TimeSpan total = TimeSpan.Zero;
        var path = new List<string>();
        var groupsDone = new HashSet<string>(StringComparer.Ordinal);
        bool known = true;
        foreach (StageDefinition stage in index.Ordered)
        {
            if (!groupOf.TryGetValue(stage.Key.Value, out ParallelGroupDefinition? group))
            {
                StageWorstCase worst = byKey[stage.Key.Value];
                known &= worst.Time is not null;
                if (worst.Time is { } time && time > TimeSpan.Zero)
                {
                    total = Saturating.Add(total, time);
                    path.Add(worst.Key);
                }

                continue;
            }

            if (!groupsDone.Add(group.Name.Value))
            {
                continue;
            }

            StageWorstCase[] members = Members(group, groupOf, byKey);
            if (members.Any(member => member.Time is null))
            {
                known = false;
                continue;
            }

            (TimeSpan makespan, List<string> deciding) = GroupSchedule.Makespan(members, Math.Max(group.MaxConcurrency?.Value ?? DefaultMaxConcurrency, 1));
            total = Saturating.Add(total, makespan);
            path.AddRange(deciding);
        }

        return known ? (total, path) : (null, []);
    }

    /// <summary>A group's known members in declared order, each once, skipping any that belongs to an earlier group.</summary>
    private static StageWorstCase[] Members(ParallelGroupDefinition group, Dictionary<string, ParallelGroupDefinition> groupOf, Dictionary<string, StageWorstCase> byKey) =>
        group.Stages.Select(member => member.Value).Distinct(StringComparer.Ordinal)
            .Where(member => byKey.ContainsKey(member) && ReferenceEquals(groupOf[member], group))
            .Select(member => byKey[member]).ToArray();

    /// <summary>Each member's group, the first that lists it (a second is TB0204); members not in <c>stage_order</c> are left out.</summary>
    private static Dictionary<string, ParallelGroupDefinition> GroupsByMember(WorkflowDocument document, WorkflowIndex index)
    {
        var groupOf = new Dictionary<string, ParallelGroupDefinition>(StringComparer.Ordinal);
        foreach (ParallelGroupDefinition group in document.ParallelGroups)
        {
            foreach (Located<string> member in group.Stages)
            {
                if (index.Positions.ContainsKey(member.Value) && !groupOf.ContainsKey(member.Value))
                {
                    groupOf.Add(member.Value, group);
                }
            }
        }

        return groupOf;
    }
}
