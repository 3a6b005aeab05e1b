using System.Linq;
using TeamBot.Workflow.Diagnostics;
using TeamBot.Workflow.Model;
using TeamBot.Workflow.Naming;

namespace TeamBot.Workflow.Validation;

/// <summary>
/// Rules for the <c>migrations</c> section on its own: what it names must make sense in this file. Whether it covers
/// every run of every shipped version is <see cref="Versioning.WorkflowCompatibility"/>'s job.
/// </summary>
internal static class MigrationRules
{
    public static void Check(WorkflowIndex index, ProblemSink sink)
    {
        if (index.Document.Migrations is not { } migrations)
        {
            return;
        }

        foreach (StageMoveDefinition rename in migrations.Renamed)
        {
            StillExists(index, sink, rename.From, "renamed");
            Known(index, sink, rename.To, $"The new key of '{rename.From.Value}'", allowOld: migrations);
        }

        foreach (StageMoveDefinition removal in migrations.Removed)
        {
            StillExists(index, sink, removal.From, "removed");
            Known(index, sink, removal.To, $"The stage that resumes the runs of '{removal.From.Value}'", allowOld: null);
        }

        foreach (Located<string> loop in migrations.ResetIterations)
        {
            Known(index, sink, loop, "The loop in 'reset_iterations'", allowOld: null);
        }
    }

    private static void StillExists(WorkflowIndex index, ProblemSink sink, Located<string> from, string section)
    {
        if (index.StagesByKey.ContainsKey(from.Value))
        {
            sink.Report(RuleIds.MigratedStageStillExists, from.Span, from.Value, section);
        }
    }

    /// <summary>
    /// A rename may point at a key a later rename renames again (A to B, then B to C), so the chain ends at a stage:
    /// <paramref name="allowOld"/> accepts a target that is itself renamed.
    /// </summary>
    private static void Known(WorkflowIndex index, ProblemSink sink, Located<string> stage, string what, MigrationsDefinition? allowOld)
    {
        if (index.StagesByKey.ContainsKey(stage.Value))
        {
            return;
        }

        if (allowOld is not null)
        {
            foreach (StageMoveDefinition move in allowOld.Renamed.Concat(allowOld.Removed))
            {
                if (move.From.Value == stage.Value)
                {
                    return;
                }
            }
        }

        string? match = NameSuggestions.Closest(stage.Value, index.StageKeys);
        sink.Report(ProblemSink.Replace(match), RuleIds.MigrationUnknownStage, stage.Span, what, stage.Value, match is null ? "" : $" Did you mean '{match}'?");
    }
}
