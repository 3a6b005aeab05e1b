using System;
using System.Collections.Generic;
using System.IO;

namespace TeamBot.Workflow;

/// <summary>
/// The additional files a prompt template path may resolve to; templates are compiled in, so only these count. Also
/// the templates MSBuild found on disk that are not additional files, so that TB0501 can say which item to add. Paths
/// only, no Roslyn types, so that the analyzer and the generator resolve a template path the same way.
/// </summary>
public sealed class PromptTemplateFiles
{
    private readonly HashSet<string> _paths;
    private readonly HashSet<string> _unlisted;
    private readonly string _projectDirectory;

    private PromptTemplateFiles(HashSet<string> paths, HashSet<string> unlisted, string projectDirectory)
    {
        _paths = paths;
        _unlisted = unlisted;
        _projectDirectory = projectDirectory;
    }

    /// <summary>Indexes the additional files at <paramref name="filePaths"/>.</summary>
    /// <param name="filePaths">The additional files' paths.</param>
    /// <param name="unlistedPaths">
    /// The value of <see cref="WorkflowFiles.UnlistedPromptTemplatesProperty"/>: the full paths, separated by <c>;</c>,
    /// of referenced templates that exist on disk but are not additional files; <see langword="null"/> when unknown.
    /// </param>
    /// <param name="projectDirectory">The project's folder (<see cref="WorkflowFiles.ProjectDirectoryProperty"/>), which item paths are relative to.</param>
    public static PromptTemplateFiles From(IEnumerable<string> filePaths, string? unlistedPaths = null, string? projectDirectory = null)
    {
        var paths = new HashSet<string>(StringComparer.Ordinal);
        foreach (string path in filePaths)
        {
            paths.Add(Normalize(path));
        }

        var unlisted = new HashSet<string>(StringComparer.Ordinal);
        foreach (string path in (unlistedPaths ?? "").Split(';'))
        {
            if (path.Trim().Length > 0)
            {
                unlisted.Add(Normalize(path.Trim()));
            }
        }

        string folder = string.IsNullOrWhiteSpace(projectDirectory) ? "" : Normalize(projectDirectory!.Trim()).TrimEnd('/') + "/";
        return new PromptTemplateFiles(paths, unlisted, folder);
    }

    /// <summary>Looks up <paramref name="relativePath"/>, relative to the workflow file's folder.</summary>
    public PromptTemplateLookup Find(string workflowPath, string relativePath)
    {
        string path = Resolve(workflowPath, relativePath);
        if (_paths.Contains(path))
        {
            return PromptTemplateLookup.AdditionalFile;
        }

        return _unlisted.Contains(path) ? PromptTemplateLookup.NotAdditionalFile(ItemInclude(path)) : PromptTemplateLookup.NotFound;
    }

    /// <summary>The full path a template path stands for.</summary>
    public static string Resolve(string workflowPath, string relativePath) =>
        Normalize(Path.Combine(Path.GetDirectoryName(workflowPath) ?? "", relativePath));

    /// <summary>The full path with forward slashes, the form every lookup uses.</summary>
    public static string Normalize(string path)
    {
        try
        {
            return Path.GetFullPath(path).Replace('\\', '/');
        }
        catch (Exception ex) when (ex is ArgumentException or NotSupportedException or PathTooLongException)
        {
            return path.Replace('\\', '/');
        }
    }

    /// <summary>A project file's items are relative to its folder; a file outside it can only be named in full.</summary>
    private string ItemInclude(string fullPath) =>
        _projectDirectory.Length > 0 && fullPath.StartsWith(_projectDirectory, StringComparison.Ordinal)
            ? fullPath.Substring(_projectDirectory.Length)
            : fullPath;
}
