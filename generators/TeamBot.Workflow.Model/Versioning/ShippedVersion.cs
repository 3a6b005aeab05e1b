using TeamBot.Workflow.Model;

namespace TeamBot.Workflow.Versioning;

/// <summary>One entry of the shipped versions file: a version id and the shape recorded with it.</summary>
/// <param name="Version">The version id, as runs record it.</param>
/// <param name="Shape">The shape that version had.</param>
/// <param name="Span">Where the entry's id is in the versions file, for its own errors.</param>
public sealed record ShippedVersion(string Version, WorkflowShape Shape, SourceSpan Span);
