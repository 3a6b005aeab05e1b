using TeamBot.Workflow.Diagnostics;
using TeamBot.Workflow.Model;

namespace TeamBot.Generators.Model;

/// <summary>What one workflow file became: a spec to emit, or the problems that stop it and the stub emitted instead.</summary>
/// <param name="Path">The workflow file's path.</param>
/// <param name="TextLength">The file's length, to keep reported locations inside it.</param>
/// <param name="Spec">The spec, or <see langword="null"/> when the file has errors.</param>
/// <param name="Problems">
/// The file's problems when it has errors, else empty. The command-line compiler skips analyzers once a compilation has
/// errors, and these are errors, so the generator must report them itself; when the file has no errors the analyzer
/// alone reports its warnings, so nothing is reported twice.
/// </param>
/// <param name="Stub">The stand-in types when the file has errors, else <see langword="null"/>.</param>
/// <remarks>
/// A valid file whose edit strands runs of a shipped version has both a spec and its TB0601-TB0603 problems: the
/// build fails on them, and the analyzer never reports them, so again nothing is reported twice.
/// </remarks>
internal sealed record WorkflowBuild(string Path, int TextLength, WorkflowSpec? Spec, EquatableArray<WorkflowProblem> Problems, WorkflowStubSpec? Stub = null)
{
    /// <summary>Gets the problems of the shipped versions file (TB0606, TB0607), located in that file.</summary>
    public EquatableArray<WorkflowProblem> VersionsProblems { get; init; }

    /// <summary>Gets the shipped versions file's path, when it has problems.</summary>
    public string? VersionsPath { get; init; }

    /// <summary>Gets the shipped versions file's length, to keep its locations inside it.</summary>
    public int VersionsTextLength { get; init; }

    /// <summary>Gets a value indicating whether there is anything to report.</summary>
    public bool HasProblems => Problems.Count > 0 || VersionsProblems.Count > 0;
}
