using System.Collections.Generic;
using System.Linq;
using TeamBot.Workflow.Model;

namespace TeamBot.Workflow.Versioning;

/// <summary>Every position a saved, unfinished run can be in under a workflow shape.</summary>
public static class RunPositions
{
    /// <summary>The widest group whose member subsets <see cref="Enumerate"/> lists one by one (2^16 positions).</summary>
    public const int MaxEnumeratedGroupWidth = 16;

    /// <summary>
    /// Lists every position: each stage outside a group, once per loop iteration it can have finished (0 to
    /// <c>max_iterations</c> - 1), and each group once per set of finished members short of all of them.
    /// </summary>
    /// <param name="shape">The workflow's shape.</param>
    /// <param name="groupSubsets">
    /// Whether to list every set of finished members. The compatibility check does not: what a group position maps to
    /// depends on the group's members, trigger and gate, never on which of them have finished, so one position stands
    /// for all. Tests list them all to prove that.
    /// </param>
    public static IEnumerable<RunPosition> Enumerate(WorkflowShape shape, bool groupSubsets = true)
    {
        var membersOf = new Dictionary<string, ShapeGroup>(System.StringComparer.Ordinal);
        foreach (ShapeGroup group in shape.Groups)
        {
            foreach (string member in group.Members)
            {
                membersOf[member] = group;
            }
        }

        var started = new HashSet<string>(System.StringComparer.Ordinal);
        foreach (ShapeStage stage in shape.Stages)
        {
            if (membersOf.TryGetValue(stage.Key, out ShapeGroup? group))
            {
                if (started.Add(group.Name))
                {
                    foreach (RunPosition position in Inside(group, groupSubsets))
                    {
                        yield return position;
                    }
                }

                continue;
            }

            int iterations = stage.Kind == StageKind.Work ? 1 : System.Math.Max(1, stage.MaxIterations);
            for (int finished = 0; finished < iterations; finished++)
            {
                yield return new RunPosition(stage.Key, finished, null, default);
            }
        }
    }

    private static IEnumerable<RunPosition> Inside(ShapeGroup group, bool groupSubsets)
    {
        int width = group.Members.Count;
        if (!groupSubsets || width > MaxEnumeratedGroupWidth)
        {
            yield return new RunPosition(group.Members[0], 0, group.Name, default);
            yield break;
        }

        // Every subset but the full one: once all members have finished, the gate opens and the run is past the group.
        for (long mask = 0; mask < (1L << width) - 1; mask++)
        {
            EquatableArray<string> finished = group.Members.Where((_, i) => (mask & (1L << i)) != 0).ToEquatableArray();
            yield return new RunPosition(group.Members[0], 0, group.Name, finished);
        }
    }
}
