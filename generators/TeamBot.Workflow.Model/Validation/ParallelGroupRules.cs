using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using TeamBot.Workflow.Diagnostics;
using TeamBot.Workflow.Model;
using TeamBot.Workflow.Naming;

namespace TeamBot.Workflow.Validation;

/// <summary>Rules for fan-out and convergence: each group must fan out right after its trigger and converge at its gate.</summary>
internal static class ParallelGroupRules
{
    public static void Check(WorkflowIndex index, ProblemSink sink)
    {
        var groupOfStage = new Dictionary<string, string>(StringComparer.Ordinal);
        var groupOfTrigger = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (ParallelGroupDefinition group in index.Document.ParallelGroups)
        {
            string context = $"Parallel group '{group.Name.Value}'";
            bool referencesKnown = CheckReferences(index, group, context, sink);
            if (group.Stages.Count == 0)
            {
                sink.Report(RuleIds.EmptyGroup, group.Name.Span, group.Name.Value);
            }

            if (group.MaxConcurrency is { Value: < 1 } concurrency)
            {
                sink.Report(RuleIds.MaxConcurrencyTooSmall, concurrency.Span, concurrency.Value.ToString(CultureInfo.InvariantCulture), group.Name.Value);
            }

            if (group.After is { } trigger)
            {
                if (groupOfTrigger.TryGetValue(trigger.Value, out string? other))
                {
                    sink.Report(RuleIds.DuplicateTrigger, trigger.Span, group.Name.Value, trigger.Value, other);
                }
                else
                {
                    groupOfTrigger.Add(trigger.Value, group.Name.Value);
                }
            }

            bool membersUnique = CheckMembers(index, group, groupOfStage, sink);
            if (referencesKnown && membersUnique && group.Stages.Count > 0 && group.After is { } after && group.Before is { } before)
            {
                CheckConvergence(index, group, after, before, sink);
            }
        }
    }

    private static bool CheckReferences(WorkflowIndex index, ParallelGroupDefinition group, string context, ProblemSink sink)
    {
        bool known = true;
        if (group.After is null)
        {
            sink.Report(AddNeighbour(index, group, "after", -1), RuleIds.GroupMissingField, group.Name.Span, group.Name.Value, "after", "the stage whose completion starts the group");
            known = false;
        }

        if (group.Before is null)
        {
            sink.Report(AddNeighbour(index, group, "before", +1), RuleIds.GroupMissingField, group.Name.Span, group.Name.Value, "before", "the gate stage that waits for every member");
            known = false;
        }

        IEnumerable<Located<string>> references = group.Stages;
        if (group.After is { } after)
        {
            references = references.Prepend(after);
        }

        if (group.Before is { } before)
        {
            references = references.Append(before);
        }

        foreach (Located<string> reference in references)
        {
            if (!index.Positions.ContainsKey(reference.Value))
            {
                known = false;
                if (!index.StagesByKey.ContainsKey(reference.Value))
                {
                    sink.ReportUnknownStage(reference, context, index.StageKeys);
                }
            }
        }

        return known;
    }

    private static bool CheckMembers(WorkflowIndex index, ParallelGroupDefinition group, Dictionary<string, string> groupOfStage, ProblemSink sink)
    {
        bool unique = true;
        var seen = new Dictionary<string, Located<string>>(StringComparer.Ordinal);
        var agents = new Dictionary<string, string>(StringComparer.Ordinal);
        var artifacts = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (Located<string> member in group.Stages)
        {
            if (seen.TryGetValue(member.Value, out Located<string> first))
            {
                sink.Report(new ProblemFix(FixKind.RemoveListItem, member.Value), RuleIds.StageListedTwice, member.Span, member.Value, $"parallel group '{group.Name.Value}'", (first.Span.StartLine + 1).ToString(CultureInfo.InvariantCulture));
                unique = false;
                continue;
            }

            seen.Add(member.Value, member);
            if (groupOfStage.TryGetValue(member.Value, out string? otherGroup))
            {
                sink.Report(RuleIds.StageInTwoGroups, member.Span, member.Value, group.Name.Value, otherGroup);
            }
            else
            {
                groupOfStage.Add(member.Value, group.Name.Value);
            }

            if (!index.StagesByKey.TryGetValue(member.Value, out StageDefinition? stage))
            {
                continue;
            }

            if (stage.IsReviewStage)
            {
                sink.Report(RuleIds.ReviewStageInGroup, member.Span, member.Value, group.Name.Value);
            }

            foreach (string agent in WorkAgents(stage))
            {
                if (agents.TryGetValue(agent, out string? holder))
                {
                    sink.Report(RuleIds.AgentConflict, member.Span, group.Name.Value, member.Value, holder, agent);
                }
                else
                {
                    agents.Add(agent, member.Value);
                }
            }

            foreach (Located<string> artifact in stage.Artifacts)
            {
                if (artifacts.TryGetValue(artifact.Value, out string? writer))
                {
                    sink.Report(RuleIds.ArtifactConflict, member.Span, group.Name.Value, member.Value, writer, artifact.Value);
                }
                else
                {
                    artifacts.Add(artifact.Value, member.Value);
                }
            }
        }

        return unique;
    }

    private static IEnumerable<string> WorkAgents(StageDefinition stage) =>
        stage.ParallelAgents.Count > 0
            ? stage.ParallelAgents.Select(agent => agent.Value).Distinct(StringComparer.Ordinal)
            : stage.WorkAgent is { } agent ? [agent.Value] : [];

    /// <summary>
    /// The members must form one block in stage_order with the trigger immediately before it and the gate immediately
    /// after it; otherwise a member would be skipped, or run out of turn, and the gate would not wait for it.
    /// </summary>
    private static void CheckConvergence(WorkflowIndex index, ParallelGroupDefinition group, Located<string> after, Located<string> before, ProblemSink sink)
    {
        int[] positions = group.Stages.Select(member => index.Positions[member.Value]).OrderBy(position => position).ToArray();
        int first = positions[0];
        int last = positions[positions.Length - 1];
        int triggerPosition = index.Positions[after.Value];
        int gatePosition = index.Positions[before.Value];

        if (triggerPosition != first - 1)
        {
            string actual = first == 0 ? "nothing" : $"'{index.Ordered[first - 1].Key.Value}'";
            sink.Report(RuleIds.TriggerNotBeforeMembers, after.Span, group.Name.Value, after.Value, actual);
        }

        string? reason = null;
        for (int position = first; position <= last && reason is null; position++)
        {
            if (Array.IndexOf(positions, position) < 0)
            {
                reason = $"'{index.Ordered[position].Key.Value}' sits between its members in stage_order, so it would run inside the group";
            }
        }

        if (reason is null && gatePosition != last + 1)
        {
            reason = last + 1 < index.Ordered.Count
                ? $"'{index.Ordered[last + 1].Key.Value}' comes right after the members in stage_order, not '{before.Value}'"
                : $"no stage follows the members in stage_order";
        }

        if (reason is not null)
        {
            sink.Report(RuleIds.GroupDoesNotConverge, before.Span, group.Name.Value, before.Value, reason);
        }
    }

    /// <summary>
    /// Adding the group's missing <paramref name="field"/> with the stage that stage_order puts right before its first
    /// member (<paramref name="direction"/> -1) or right after its last (+1); none when no member is in stage_order.
    /// </summary>
    private static ProblemFix? AddNeighbour(WorkflowIndex index, ParallelGroupDefinition group, string field, int direction)
    {
        List<int> positions = group.Stages
            .Where(member => index.Positions.ContainsKey(member.Value))
            .Select(member => index.Positions[member.Value])
            .ToList();
        if (positions.Count == 0)
        {
            return null;
        }

        int neighbour = direction < 0 ? positions.Min() - 1 : positions.Max() + 1;
        return neighbour >= 0 && neighbour < index.Ordered.Count
            ? new ProblemFix(FixKind.AddField, index.Ordered[neighbour].Key.Value) { Field = field }
            : null;
    }
}
