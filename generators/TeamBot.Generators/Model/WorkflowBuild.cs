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
internal sealed record WorkflowBuild(string Path, int TextLength, WorkflowSpec? Spec, EquatableArray<WorkflowProblem> Problems, WorkflowStubSpec? Stub = null);
