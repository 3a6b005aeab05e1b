using TeamBot.Workflow.Diagnostics;
using TeamBot.Workflow.Model;
using TeamBot.Workflow.Versioning;

namespace TeamBot.Generators.Model;

/// <summary>
/// A shipped versions file among the additional files (<c>stages.versions.json</c>), already read: its own pipeline step
/// parses it, so an edit of the workflow beside it does not parse it again.
/// </summary>
/// <param name="Path">Its normalized full path, as <see cref="Workflow.PromptTemplateFiles.Normalize"/> gives it.</param>
/// <param name="OriginalPath">Its path as the compiler has it, for diagnostics.</param>
/// <param name="TextLength">Its length, to keep reported locations inside it.</param>
/// <param name="Versions">The versions it records, oldest first.</param>
/// <param name="Problems">Its own problems (TB0606, TB0607).</param>
internal sealed record VersionsFileInput(string Path, string OriginalPath, int TextLength, EquatableArray<ShippedVersion> Versions, EquatableArray<WorkflowProblem> Problems)
{
    public static VersionsFileInput Read(string path, string originalPath, string text)
    {
        (EquatableArray<ShippedVersion> versions, EquatableArray<WorkflowProblem> problems) = ShippedVersionsFile.Parse(text);
        return new VersionsFileInput(path, originalPath, text.Length, versions, problems);
    }
}
