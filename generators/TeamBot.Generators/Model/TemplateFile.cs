namespace TeamBot.Generators.Model;

/// <summary>A referenced prompt template as read: its text to compile in, or why it cannot be (TB0502).</summary>
/// <param name="Path">The full path in the form every lookup uses (<c>PromptTemplateFiles.Normalize</c>).</param>
/// <param name="FilePath">The additional file's path as the compiler gives it, where TB0502 is reported.</param>
/// <param name="Text">The text, or <see langword="null"/> when it is refused.</param>
/// <param name="Refusal">TB0502's reason, or <see langword="null"/> when the text is taken in.</param>
internal sealed record TemplateFile(string Path, string FilePath, string? Text, string? Refusal);
