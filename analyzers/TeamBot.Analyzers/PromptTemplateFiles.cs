using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using Microsoft.CodeAnalysis;

namespace TeamBot.Analyzers;

/// <summary>The additional files a prompt template path may resolve to; templates are compiled in, so only these count.</summary>
public sealed class PromptTemplateFiles
{
    private readonly HashSet<string> _paths;

    private PromptTemplateFiles(HashSet<string> paths) => _paths = paths;

    /// <summary>Indexes the full paths of <paramref name="files"/>.</summary>
    public static PromptTemplateFiles From(ImmutableArray<AdditionalText> files)
    {
        var paths = new HashSet<string>(StringComparer.Ordinal);
        foreach (AdditionalText file in files)
        {
            paths.Add(Normalize(file.Path));
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
