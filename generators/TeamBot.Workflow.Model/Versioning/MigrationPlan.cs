using TeamBot.Workflow.Model;

namespace TeamBot.Workflow.Versioning;

/// <summary>
/// How the runs of one shipped version carry over to the current file: what the generator compiles into the workflow
/// for the runtime to apply on resume (<c>TeamBot.Definitions.WorkflowMigration</c>).
/// </summary>
/// <param name="FromVersion">The shipped version's id.</param>
/// <param name="Stages">Its stage keys in order.</param>
/// <param name="Renamed">Its keys that have another key now, with that key (chains of renames resolved).</param>
/// <param name="Removed">Its keys that are gone, with the stage their runs resume at.</param>
/// <param name="ResetIterations">The current loops whose counters restart at 0 for a run inside them.</param>
/// <param name="ChangedGroups">Its groups a run inside of cannot carry over (each also reported as TB0602).</param>
public sealed record MigrationPlan(
    string FromVersion,
    EquatableArray<string> Stages,
    EquatableArray<StagePair> Renamed,
    EquatableArray<StagePair> Removed,
    EquatableArray<string> ResetIterations,
    EquatableArray<string> ChangedGroups);
