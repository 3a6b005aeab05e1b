namespace TeamBot.Generators;

/// <summary>The names of the generator's pipeline steps, so tests can check what the incremental cache reused.</summary>
public static class TrackingNames
{
    /// <summary>Each workflow file's path, text and generated names.</summary>
    public const string WorkflowFiles = nameof(WorkflowFiles);

    /// <summary>The paths of every additional file, which prompt templates must be among.</summary>
    public const string AdditionalFilePaths = nameof(AdditionalFilePaths);

    /// <summary>What MSBuild says of templates that exist but are not additional files, and the project folder.</summary>
    public const string PromptTemplateSettings = nameof(PromptTemplateSettings);

    /// <summary>The shipped versions files (<c>*.versions.json</c>), parsed.</summary>
    public const string VersionsFiles = nameof(VersionsFiles);

    /// <summary>Each workflow's parse, validation, compatibility gate and emit model.</summary>
    public const string WorkflowSpecs = nameof(WorkflowSpecs);

    /// <summary>The full paths of the prompt templates the workflows reference.</summary>
    public const string PromptTemplatePaths = nameof(PromptTemplatePaths);

    /// <summary>The referenced prompt templates' texts.</summary>
    public const string PromptTemplates = nameof(PromptTemplates);

    /// <summary>All workflows of the project, checked against each other.</summary>
    public const string AllWorkflows = nameof(AllWorkflows);

    /// <summary>The stand-in types of the workflows that have errors.</summary>
    public const string WorkflowStubs = nameof(WorkflowStubs);
}
