using TeamBot.Workflow.Diagnostics;
using TeamBot.Workflow.Model;

namespace TeamBot.Generators.Model;

/// <summary>What one workflow file became: a spec to emit, or the problems that stop it.</summary>
/// <param name="Path">The workflow file's path.</param>
/// <param name="TextLength">The file's length, to keep reported locations inside it.</param>
/// <param name="Spec">The spec, or <see langword="null"/> when the file has errors.</param>
/// <param name="Problems">
/// The file's problems when it has errors, else empty. The command-line compiler skips analyzers once a compilation has
/// errors, and the missing generated types guarantee some, so the generator must report them itself; when the file has
/// no errors the analyzer alone reports its warnings, so nothing is reported twice.
/// </param>
internal sealed record WorkflowBuild(string Path, int TextLength, WorkflowSpec? Spec, EquatableArray<WorkflowProblem> Problems);
