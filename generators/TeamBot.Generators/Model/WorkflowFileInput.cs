namespace TeamBot.Generators.Model;

/// <summary>A workflow file as the generator reads it: plain strings, so the incremental cache compares by value.</summary>
/// <param name="Path">The file's path.</param>
/// <param name="Text">The file's text.</param>
/// <param name="Namespace">The namespace of the generated types; empty for the global namespace.</param>
/// <param name="ClassName">The generated workflow class.</param>
/// <param name="EnumName">The generated stage enum.</param>
internal sealed record WorkflowFileInput(string Path, string Text, string Namespace, string ClassName, string EnumName);
