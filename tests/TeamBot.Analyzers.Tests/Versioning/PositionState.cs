using System.Collections.Generic;
using System.Linq;
using TeamBot.State;
using TeamBot.Workflow.Versioning;

namespace TeamBot.Analyzers.Tests.Versioning;

/// <summary>The state file a run at a position would have been saved with under a shipped version, as the runtime writes it.</summary>
internal static class PositionState
{
    public static OrchestrationStateDocument For(ShippedVersion version, RunPosition position)
    {
        WorkflowShape shape = version.Shape;
        ShapeGroup? inside = position.Group is { } name ? shape.Groups.First(group => group.Name == name) : null;
        int at = shape.Stages.Select(stage => stage.Key).ToList().IndexOf(inside?.Members[0] ?? position.Stage);

        // Every stage before the position has completed; inside a group, so have its finished members.
        var completed = shape.Stages.Take(at).Select(stage => stage.Key).Where(key => inside is null || !inside.Members.Contains(key)).ToList();
        completed.AddRange(position.Finished);
        completed = shape.Stages.Select(stage => stage.Key).Where(completed.Contains).ToList();

        var groups = new Dictionary<string, GroupStatusEntry>();
        foreach (ShapeGroup group in shape.Groups)
        {
            if (group == inside || group.Members.All(completed.Contains))
            {
                groups[group.Name] = new GroupStatusEntry
                {
                    Stages = group.Members.ToDictionary(member => member, member => new MemberStatusEntry { Status = completed.Contains(member) ? "completed" : "pending" }),
                };
            }
        }

        var document = new OrchestrationStateDocument
        {
            ObjectiveFile = "objectives/migrate.md",
            FeatureName = "migrate",
            CurrentStage = position.Stage,
            Status = "in_progress",
            CompletedStages = completed,
            StageOutputs = completed.ToDictionary(stage => stage, stage => $"{stage} done"),
            ParallelGroupStatus = groups.Count == 0 ? null : groups,
            WorkflowVersion = version.Version,
        };

        if (position.Iterations > 0)
        {
            document.ReviewIterations = new() { [position.Stage] = position.Iterations };
            document.ReviewAttempts = Enumerable.Range(1, position.Iterations)
                .Select(iteration => new ReviewAttemptEntry { Iteration = iteration, Work = $"attempt {iteration}", Review = "Not approved: try again", Approved = false })
                .ToList();
        }

        return document;
    }
}
