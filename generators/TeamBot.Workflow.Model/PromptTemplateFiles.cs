using System;
using System.Collections.Generic;
using System.IO;

namespace TeamBot.Workflow;

/// <summary>
/// The additional files a prompt template path may resolve to; templates are compiled in, so only these count. Paths only,
/// no Roslyn types, so that the analyzer and the generator resolve a template path the same way.
/// </summary>
public sealed class PromptTemplateFiles
{
    private readonly HashSet<string> _paths;

    private PromptTemplateFiles(HashSet<string> paths) => _paths = paths;

    /// <summary>Indexes the additional files at <paramref name="filePaths"/>.</summary>
    public static PromptTemplateFiles From(IEnumerable<string> filePaths)
    {
        var paths = new HashSet<string>(StringComparer.Ordinal);
        foreach (string path in filePaths)
        {
            paths.Add(Normalize(path));
        }

        return new PromptTemplateFiles(paths);
    }

    /// <summary>Tells whether <paramref name="relativePath"/>, relative to the workflow file's folder, is an additional file.</summary>
    public bool Exists(string workflowPath, string relativePath) => _paths.Contains(Resolve(workflowPath, relativePath));

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
}
