using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.Extensions.FileSystemGlobbing;

namespace TeamBot.Agents.Tools;

/// <summary>
/// Resolves the paths a model gives to files inside the workspace, and refuses the rest: absolute paths, <c>..</c> out
/// of it, symbolic links that lead out of it, denied files, and writes outside the writable globs.
/// </summary>
internal sealed class WorkspacePaths
{
    // Listing and searching never enter a linked folder: a link to '/' or to '.' would list the machine or loop forever.
    private static readonly EnumerationOptions NoLinks = new() { RecurseSubdirectories = true, AttributesToSkip = FileAttributes.ReparsePoint, IgnoreInaccessible = true };

    private readonly Matcher _denied = new(StringComparison.Ordinal);
    private readonly Matcher _writable = new(StringComparison.Ordinal);

    public WorkspacePaths(WorkspacePolicy policy)
    {
        // The workspace's own real path: a root reached through a link must not make every file look outside it.
        string root = Path.GetFullPath(policy.Root);
        Root = Path.TrimEndingDirectorySeparator(new DirectoryInfo(root).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? root);
        _denied.AddIncludePatterns(policy.Denied);
        _writable.AddIncludePatterns(policy.Writable);
    }

    /// <summary>Gets the workspace's full path.</summary>
    public string Root { get; }

    /// <summary>Resolves <paramref name="path"/>, or says why the tool may not use it.</summary>
    /// <returns>The full path and the path relative to the workspace (with <c>/</c>), or the refusal.</returns>
    public (string? Full, string Relative, string? Refusal) Resolve(string? path, bool write)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            return (null, "", "a path relative to the workspace is needed");
        }

        if (Path.IsPathRooted(path))
        {
            return (null, path, $"'{path}' is an absolute path; give a path relative to the workspace");
        }

        string full = Path.GetFullPath(Path.Combine(Root, path));
        if (!Inside(full))
        {
            return (null, path, $"'{path}' leaves the workspace");
        }

        if (ThroughLink(full))
        {
            return (null, path, $"'{path}' goes through a symbolic link; the tools follow no links (one could lead out of the workspace or around its denied files)");
        }

        string relative = Relative(full);
        if (relative != "." && _denied.Match(relative).HasMatches)
        {
            return (null, relative, $"'{relative}' is not open to agents");
        }

        if (write && !_writable.Match(relative).HasMatches)
        {
            return (null, relative, $"this stage may not write '{relative}'");
        }

        return (full, relative, null);
    }

    /// <summary>
    /// The files under <paramref name="folder"/> (a full path inside the workspace) that the tools may list and read:
    /// relative to the workspace, with <c>/</c>, in order; none reached through a link, none denied.
    /// </summary>
    public IEnumerable<string> VisibleFiles(string folder) =>
        Directory.EnumerateFiles(folder, "*", NoLinks).Select(Relative).Where(relative => !_denied.Match(relative).HasMatches).Order(StringComparer.Ordinal);

    private string Relative(string full) => Path.GetRelativePath(Root, full).Replace(Path.DirectorySeparatorChar, '/');

    private bool Inside(string full) =>
        full == Root || full.StartsWith(Root + Path.DirectorySeparatorChar, StringComparison.Ordinal);

    /// <summary>
    /// Whether any part of the path below the workspace, the last included, is a symbolic link. Links are refused
    /// outright rather than resolved: a link's target can itself pass through links, and the globs are about the path
    /// the model names, so only a path without links means what it says.
    /// </summary>
    private bool ThroughLink(string full)
    {
        string current = Root;
        foreach (string part in Path.GetRelativePath(Root, full).Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries))
        {
            if (part == ".")
            {
                continue;
            }

            current = Path.Combine(current, part);
            FileSystemInfo entry = Directory.Exists(current) ? new DirectoryInfo(current) : new FileInfo(current);
            if (entry.LinkTarget is not null)
            {
                return true;
            }
        }

        return false;
    }
}
