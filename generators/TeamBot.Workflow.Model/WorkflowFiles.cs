using System;
using System.IO;
using TeamBot.Workflow.Naming;

namespace TeamBot.Workflow;

/// <summary>Which additional files are workflows, and the names generated for them by default.</summary>
public static class WorkflowFiles
{
    /// <summary>The file name that is always a workflow.</summary>
    public const string DefaultFileName = "stages.yaml";

    /// <summary>The suffix of named workflow files, as in <c>delivery.stages.yaml</c>.</summary>
    public const string NamedFileSuffix = ".stages.yaml";

    /// <summary>The item metadata that marks any additional file as a workflow (<c>TeamBotWorkflow="true"</c>).</summary>
    public const string WorkflowMetadata = "build_metadata.AdditionalFiles.TeamBotWorkflow";

    /// <summary>The item metadata that sets the generated namespace.</summary>
    public const string NamespaceMetadata = "build_metadata.AdditionalFiles.TeamBotNamespace";

    /// <summary>The item metadata that sets the generated class name.</summary>
    public const string ClassNameMetadata = "build_metadata.AdditionalFiles.TeamBotClassName";

    /// <summary>The item metadata that sets the generated enum name.</summary>
    public const string EnumNameMetadata = "build_metadata.AdditionalFiles.TeamBotEnumName";

    /// <summary>The MSBuild property used as the default namespace.</summary>
    public const string RootNamespaceProperty = "build_property.RootNamespace";

    /// <summary>
    /// The MSBuild property TeamBot.targets sets to the prompt templates the workflows reference that exist on disk but
    /// are not additional files (full paths, separated by <c>;</c>), since an analyzer must not look at the disk itself.
    /// </summary>
    public const string UnlistedPromptTemplatesProperty = "build_property._TeamBotUnlistedPromptTemplates";

    /// <summary>The project's folder, which the SDK passes to every analyzer; item paths are relative to it.</summary>
    public const string ProjectDirectoryProperty = "build_property.ProjectDir";

    /// <summary>Tells whether the file at <paramref name="path"/> is a workflow.</summary>
    /// <param name="path">The file's path.</param>
    /// <param name="workflowMetadata">The value of its <c>TeamBotWorkflow</c> metadata, if any.</param>
    public static bool IsWorkflowFile(string path, string? workflowMetadata)
    {
        if (string.Equals(workflowMetadata, "false", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        string name = Path.GetFileName(path);
        return string.Equals(workflowMetadata, "true", StringComparison.OrdinalIgnoreCase)
            || string.Equals(name, DefaultFileName, StringComparison.OrdinalIgnoreCase)
            || name.EndsWith(NamedFileSuffix, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The default class name: <c>Workflow</c> for stages.yaml, <c>Delivery</c> for delivery.stages.yaml.</summary>
    public static string DefaultClassName(string path)
    {
        string baseName = BaseName(path);
        return baseName.Length == 0 ? "Workflow" : IdentifierNames.ToIdentifier(baseName);
    }

    /// <summary>The default enum name: <c>Stage</c> for stages.yaml, <c>DeliveryStage</c> for delivery.stages.yaml.</summary>
    public static string DefaultEnumName(string path)
    {
        string baseName = BaseName(path);
        return baseName.Length == 0 ? "Stage" : IdentifierNames.ToIdentifier(baseName) + "Stage";
    }

    /// <summary>The part of the file name that names the workflow; empty for plain stages.yaml.</summary>
    private static string BaseName(string path)
    {
        string name = Path.GetFileName(path);
        if (string.Equals(name, DefaultFileName, StringComparison.OrdinalIgnoreCase))
        {
            return "";
        }

        if (name.EndsWith(NamedFileSuffix, StringComparison.OrdinalIgnoreCase))
        {
            return name.Substring(0, name.Length - NamedFileSuffix.Length);
        }

        return Path.GetFileNameWithoutExtension(name);
    }
}
