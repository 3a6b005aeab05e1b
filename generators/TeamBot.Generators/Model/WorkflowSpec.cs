using TeamBot.Workflow.Model;

namespace TeamBot.Generators.Model;

/// <summary>A valid workflow, resolved and ready to emit: stages in order, references as indexes.</summary>
/// <param name="Path">The workflow file's path, for diagnostics about the file as a whole.</param>
/// <param name="SourceFileName">The file name emitted into the code (never the full path, so output is machine-independent).</param>
/// <param name="Namespace">The namespace; empty for the global namespace.</param>
/// <param name="ClassName">The workflow class.</param>
/// <param name="EnumName">The stage enum.</param>
/// <param name="Stages">The stages in <c>stage_order</c>.</param>
/// <param name="Groups">The parallel groups in declaration order.</param>
/// <param name="ReviewMappings">The work-to-review pairs in declaration order.</param>
/// <param name="Versioning">The version and the migrations from the shipped versions.</param>
/// <param name="Budget">The <c>budget</c> section, or <see langword="null"/> when there is none.</param>
/// <param name="Costs">The run's worst case.</param>
internal sealed record WorkflowSpec(
    string Path,
    string SourceFileName,
    string Namespace,
    string ClassName,
    string EnumName,
    EquatableArray<StageSpec> Stages,
    EquatableArray<GroupSpec> Groups,
    EquatableArray<ReviewPairSpec> ReviewMappings,
    VersioningSpec Versioning,
    BudgetSpec? Budget,
    CostsSpec Costs)
{
    /// <summary>Gets the type's fully qualified name, unique per project.</summary>
    public string FullClassName => Namespace.Length == 0 ? ClassName : Namespace + "." + ClassName;

    /// <summary>Gets the enum's fully qualified name.</summary>
    public string FullEnumName => Namespace.Length == 0 ? EnumName : Namespace + "." + EnumName;
}
