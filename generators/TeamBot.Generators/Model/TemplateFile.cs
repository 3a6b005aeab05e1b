namespace TeamBot.Generators.Model;

/// <summary>A prompt template's full path and text, compiled into the descriptors of the stages that use it.</summary>
internal sealed record TemplateFile(string Path, string Text);
