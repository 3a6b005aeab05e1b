using TeamBot.Workflow.Model;

namespace TeamBot.Generators.Model;

/// <summary>
/// What is emitted for a workflow that has errors: its types under their usual names, marked obsolete as errors with
/// the first TB error's message, so that C# code using them gets that message rather than "type not found".
/// </summary>
/// <param name="Path">The workflow file's path.</param>
/// <param name="SourceFileName">The file name emitted into the code.</param>
/// <param name="Namespace">The namespace; empty for the global namespace.</param>
/// <param name="ClassName">The workflow class.</param>
/// <param name="EnumName">The stage enum.</param>
/// <param name="Stages">The stages whose keys give valid, distinct identifiers, in declaration order.</param>
/// <param name="Message">The obsolete message: the first TB error as a build prints it, and how many errors there are.</param>
internal sealed record WorkflowStubSpec(
    string Path,
    string SourceFileName,
    string Namespace,
    string ClassName,
    string EnumName,
    EquatableArray<StubStageSpec> Stages,
    string Message)
{
    /// <summary>Gets the class's fully qualified name.</summary>
    public string FullClassName => Namespace.Length == 0 ? ClassName : Namespace + "." + ClassName;

    /// <summary>Gets the enum's fully qualified name.</summary>
    public string FullEnumName => Namespace.Length == 0 ? EnumName : Namespace + "." + EnumName;
}

/// <summary>A stage of a stub enum: its YAML key and the enum member made from it.</summary>
internal readonly record struct StubStageSpec(string Key, string Identifier);
