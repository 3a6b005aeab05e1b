using TeamBot.Workflow.Diagnostics;
using TeamBot.Workflow.Model;

namespace TeamBot.Workflow.Versioning;

/// <summary>What recording a workflow as shipped decided.</summary>
/// <param name="Version">The workflow's version id; empty when the workflow has errors.</param>
/// <param name="NewText">The versions file to write; <see langword="null"/> when nothing is to be written.</param>
/// <param name="WorkflowProblems">Why the workflow cannot be shipped: its errors, or the runs of shipped versions it strands.</param>
/// <param name="VersionsProblems">Why the versions file cannot be read (it is then left as it is).</param>
/// <param name="AlreadyShipped">Whether the version is recorded already.</param>
/// <param name="VersionCount">The versions the file holds once written.</param>
public sealed record ShipOutcome(string Version, string? NewText, EquatableArray<WorkflowProblem> WorkflowProblems, EquatableArray<WorkflowProblem> VersionsProblems, bool AlreadyShipped, int VersionCount);
