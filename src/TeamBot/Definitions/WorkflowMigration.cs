using System.Collections.Immutable;

namespace TeamBot.Definitions;

/// <summary>
/// How a run saved under an earlier shipped version of a workflow is carried over to the compiled one: what the build
/// worked out from <c>stages.versions.json</c> and the <c>migrations:</c> section, and checked for every position such a
/// run can be in.
/// </summary>
/// <param name="FromVersion">The shipped version's id, as its runs record it in <c>workflow_version</c>.</param>
/// <param name="Stages">The shipped version's stage keys, in its <c>stage_order</c>.</param>
/// <param name="Renamed">The shipped version's stage keys that now have another key, with that key (chains resolved).</param>
/// <param name="Removed">The shipped version's stage keys that are gone, with the stage a run positioned there resumes at.</param>
/// <param name="ResetIterations">The loops (current keys) whose counters restart at 0 for a run inside them.</param>
/// <param name="ChangedGroups">The groups whose trigger, gate or membership changed so that a run inside them cannot carry over.</param>
public sealed record WorkflowMigration(
    string FromVersion,
    ImmutableArray<string> Stages,
    ImmutableDictionary<string, string> Renamed,
    ImmutableDictionary<string, string> Removed,
    ImmutableArray<string> ResetIterations,
    ImmutableArray<string> ChangedGroups);
