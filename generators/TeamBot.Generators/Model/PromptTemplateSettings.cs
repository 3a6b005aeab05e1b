using Microsoft.CodeAnalysis.Diagnostics;
using TeamBot.Workflow;

namespace TeamBot.Generators.Model;

/// <summary>
/// What MSBuild tells the compiler about prompt templates beyond the additional files: which referenced templates exist
/// but are not additional files, and the project folder their items would be relative to. Plain strings, so that the
/// incremental cache compares by value and an unrelated .editorconfig edit re-runs nothing.
/// </summary>
/// <param name="UnlistedPaths">The value of <see cref="WorkflowFiles.UnlistedPromptTemplatesProperty"/>, if set.</param>
/// <param name="ProjectDirectory">The value of <see cref="WorkflowFiles.ProjectDirectoryProperty"/>, if set.</param>
internal sealed record PromptTemplateSettings(string? UnlistedPaths, string? ProjectDirectory)
{
    /// <summary>Reads the settings from the project's global options.</summary>
    public static PromptTemplateSettings From(AnalyzerConfigOptions options)
    {
        options.TryGetValue(WorkflowFiles.UnlistedPromptTemplatesProperty, out string? unlisted);
        options.TryGetValue(WorkflowFiles.ProjectDirectoryProperty, out string? projectDirectory);
        return new PromptTemplateSettings(unlisted, projectDirectory);
    }
}
