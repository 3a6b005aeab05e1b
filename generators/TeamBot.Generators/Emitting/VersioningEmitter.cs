using System.Collections.Generic;
using System.Linq;
using TeamBot.Generators.Model;
using TeamBot.Workflow.Model;
using TeamBot.Workflow.Versioning;

namespace TeamBot.Generators.Emitting;

/// <summary>Writes a workflow's <c>WorkflowVersioning</c>: its version id and the migrations from its shipped versions.</summary>
internal static class VersioningEmitter
{
    private const string Definitions = "global::TeamBot.Definitions.";
    private const string ImmutableArray = "global::System.Collections.Immutable.ImmutableArray";
    private const string ImmutableDictionary = "global::System.Collections.Immutable.ImmutableDictionary";

    public static void WriteField(SourceWriter w, VersioningSpec versioning)
    {
        w.Line($"private static readonly {Definitions}WorkflowVersioning s_versioning = new {Definitions}WorkflowVersioning(");
        w.Indent();
        w.Line($"{CSharpText.Literal(versioning.Version)},");
        w.Line($"{ImmutableArray}.Create<{Definitions}WorkflowMigration>(");
        w.Indent();
        for (int i = 0; i < versioning.Plans.Count; i++)
        {
            MigrationPlan plan = versioning.Plans[i];
            w.Line($"new {Definitions}WorkflowMigration(");
            w.Indent();
            w.Line($"{CSharpText.Literal(plan.FromVersion)},");
            w.Line($"{Strings(plan.Stages)},");
            w.Line($"{Pairs(plan.Renamed)},");
            w.Line($"{Pairs(plan.Removed)},");
            w.Line($"{Strings(plan.ResetIterations)},");
            w.Line($"{Strings(plan.ChangedGroups)})" + (i == versioning.Plans.Count - 1 ? "" : ","));
            w.Outdent();
        }

        w.Outdent();
        w.Line("));");
        w.Outdent();
    }

    private static string Strings(EquatableArray<string> values) =>
        $"{ImmutableArray}.Create<string>({string.Join(", ", values.Select(CSharpText.Literal))})";

    private static string Pairs(EquatableArray<StagePair> pairs)
    {
        IEnumerable<string> entries = pairs.Select(pair => $"new({CSharpText.Literal(pair.From)}, {CSharpText.Literal(pair.To)})");
        return $"{ImmutableDictionary}.CreateRange(global::System.StringComparer.Ordinal, new global::System.Collections.Generic.KeyValuePair<string, string>[] {{ {string.Join(", ", entries)} }})";
    }
}
