using TeamBot.Workflow.Diagnostics;
using TeamBot.Workflow.Model;

namespace TeamBot.Workflow.Versioning;

/// <summary>What checking a workflow against its shipped versions found.</summary>
/// <param name="Version">The current file's version id.</param>
/// <param name="Plans">One migration plan per shipped version other than the current one, oldest first.</param>
/// <param name="Problems">The stranded positions (TB0601 to TB0603), located in the workflow file.</param>
/// <param name="Stranded">For each problem, in the same order, the run it names.</param>
public sealed record CompatibilityResult(string Version, EquatableArray<MigrationPlan> Plans, EquatableArray<WorkflowProblem> Problems, EquatableArray<StrandedRun> Stranded);
