namespace TeamBot.Generators.Model;

/// <summary>A shipped versions file among the additional files (<c>stages.versions.json</c>).</summary>
/// <param name="Path">Its normalized full path, as <see cref="Workflow.PromptTemplateFiles.Normalize"/> gives it.</param>
/// <param name="OriginalPath">Its path as the compiler has it, for diagnostics.</param>
/// <param name="Text">Its text.</param>
internal sealed record VersionsFileInput(string Path, string OriginalPath, string Text);
