using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.FileSystemGlobbing;

namespace TeamBot.Execution.Checkpoints;

/// <summary>
/// The workspace files a set of globs covers: in a git work tree the files git would see (tracked, and untracked but
/// not ignored, so build output is never copied); elsewhere every file below the workspace. Links, <c>.git</c> and
/// <c>.teambot</c> are never included.
/// </summary>
internal static class WorkspaceFiles
{
    private static readonly EnumerationOptions NoLinks = new() { AttributesToSkip = FileAttributes.ReparsePoint, IgnoreInaccessible = true };

    public static async Task<List<string>> MatchingAsync(string workspace, IEnumerable<string> globs, CancellationToken cancellationToken)
    {
        var matcher = new Matcher(StringComparison.Ordinal);
        matcher.AddIncludePatterns(globs);
        matcher.AddExcludePatterns([".git/**", ".teambot/**"]);

        // Only the folders a glob can reach are looked at: src/** never walks the rest of the workspace (nor its runs).
        string[] bases = [.. globs.Select(Base).Distinct(StringComparer.Ordinal)];
        IEnumerable<string> candidates = Path.Exists(Path.Combine(workspace, ".git"))
            ? await GitFilesAsync(workspace, bases, cancellationToken).ConfigureAwait(false)
            : bases.SelectMany(folder => Walk(workspace, folder));
        return candidates
            .Where(relative => matcher.Match(relative).HasMatches && IsPlainFile(Path.Combine(workspace, relative)))
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>The folder part of a glob before its first wildcard: <c>src/app</c> for <c>src/app/**/*.cs</c>, empty for <c>**/*.cs</c>.</summary>
    private static string Base(string glob)
    {
        string[] segments = glob.Split('/');
        int literal = segments.TakeWhile(segment => segment.IndexOfAny(['*', '?', '[']) < 0).Count();
        return string.Join('/', segments.Take(Math.Min(literal, segments.Length - 1)));
    }

    /// <summary>The files below <paramref name="folder"/>, relative to the workspace, never entering a link, <c>.git</c> or <c>.teambot</c>.</summary>
    private static IEnumerable<string> Walk(string workspace, string folder)
    {
        var pending = new Stack<string>();
        pending.Push(Path.Combine(workspace, folder));
        while (pending.TryPop(out string? current))
        {
            if (!Directory.Exists(current) || new DirectoryInfo(current).LinkTarget is not null)
            {
                continue;
            }

            foreach (string file in Directory.EnumerateFiles(current, "*", NoLinks))
            {
                yield return Path.GetRelativePath(workspace, file).Replace('\\', '/');
            }

            foreach (string child in Directory.EnumerateDirectories(current, "*", NoLinks))
            {
                if (Path.GetFileName(child) is not (".git" or ".teambot"))
                {
                    pending.Push(child);
                }
            }
        }
    }

    private static bool IsPlainFile(string path)
    {
        var info = new FileInfo(path);
        return info.Exists && info.LinkTarget is null;
    }

    private static async Task<string[]> GitFilesAsync(string workspace, string[] bases, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("git")
        {
            WorkingDirectory = workspace,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        // The folders as literal pathspecs: a name with glob characters means itself, and nothing outside them is listed.
        foreach (string argument in (string[])["-c", "core.fsmonitor=false", "--literal-pathspecs", "ls-files", "-z", "--cached", "--others", "--exclude-standard", "--", .. bases.Select(folder => folder.Length == 0 ? "." : folder)])
        {
            start.ArgumentList.Add(argument);
        }

        using Process git = Process.Start(start) ?? throw new InvalidOperationException("git could not be started.");
        Task<string> errors = git.StandardError.ReadToEndAsync(cancellationToken);
        string listing = await git.StandardOutput.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
        await git.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        if (git.ExitCode != 0)
        {
            throw new InvalidOperationException($"git ls-files failed in '{workspace}' (exit code {git.ExitCode}): {(await errors.ConfigureAwait(false)).Trim()}");
        }

        return listing.Split('\0', StringSplitOptions.RemoveEmptyEntries);
    }
}
