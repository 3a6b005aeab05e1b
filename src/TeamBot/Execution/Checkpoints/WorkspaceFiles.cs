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

    /// <param name="workspace">The workspace.</param>
    /// <param name="globs">The globs, relative to it.</param>
    /// <param name="runDirectory">The run's folder, never included wherever it lies.</param>
    /// <param name="cancellationToken">Cancels the listing.</param>
    public static async Task<List<string>> MatchingAsync(string workspace, IEnumerable<string> globs, string runDirectory, CancellationToken cancellationToken)
    {
        var matcher = new Matcher(StringComparison.Ordinal);
        matcher.AddIncludePatterns(globs);
        matcher.AddExcludePatterns([".git/**", ".teambot/**", "**/.teambot/**"]);
        string runs = Path.GetRelativePath(workspace, runDirectory).Replace('\\', '/');
        if (IsSafeRelative(runs) && runs != ".")
        {
            matcher.AddExclude(runs + "/**");
        }
        else if (runs == ".")
        {
            // The run's folder is the workspace itself (tests, embedders): its own files are the state, journal and
            // checkpoints, which the write globs' folders never hold.
            matcher.AddExcludePatterns([".checkpoints/**", "orchestration_state*", "artifacts/**", "transcripts/**", "failures/**"]);
        }


        // Only the folders a glob can reach are looked at: src/** never walks the rest of the workspace (nor its runs).
        string[] bases = [.. globs.Select(Base).Distinct(StringComparer.Ordinal)];
        IEnumerable<string> candidates = Path.Exists(Path.Combine(workspace, ".git"))
            ? await GitFilesAsync(workspace, bases, cancellationToken).ConfigureAwait(false)
            : bases.SelectMany(folder => Walk(workspace, folder));
        return candidates
            .Where(relative => IsSafeRelative(relative) && matcher.Match(relative).HasMatches && IsPlainFile(workspace, relative))
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

    /// <summary>Whether <paramref name="relative"/> is a relative path that stays in its folder (no root, no <c>..</c>).</summary>
    public static bool IsSafeRelative(string relative) =>
        relative.Length > 0 && !Path.IsPathRooted(relative) && relative.Split('/', '\\').All(segment => segment != "..");

    /// <summary>
    /// The full path of a workspace file that a restore may write or delete: inside the workspace, with no link on the
    /// way to it (a folder the work replaced by a link must not carry the restore out of the workspace).
    /// </summary>
    /// <exception cref="InvalidOperationException">The path leaves the workspace or goes through a link.</exception>
    public static string Target(string workspace, string relative)
    {
        string root = Path.GetFullPath(workspace);
        string full = Path.GetFullPath(Path.Combine(root, relative));
        if (!IsSafeRelative(relative) || !full.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"'{relative}' leaves the workspace '{root}'; it is not rolled back.");
        }

        for (string? folder = Path.GetDirectoryName(full); folder is not null && folder.Length > root.Length; folder = Path.GetDirectoryName(folder))
        {
            if (new DirectoryInfo(folder).LinkTarget is not null)
            {
                throw new InvalidOperationException($"'{relative}' goes through the link '{Path.GetRelativePath(root, folder)}' (made since the checkpoint?); the rollback follows no links. Remove the link and resume.");
            }
        }

        return full;
    }

    private static bool IsPlainFile(string workspace, string relative)
    {
        var info = new FileInfo(Path.Combine(workspace, relative));
        if (!info.Exists || info.LinkTarget is not null)
        {
            return false;
        }

        try
        {
            return Target(workspace, relative).Length > 0;
        }
        catch (InvalidOperationException)
        {
            return false; // reached through a linked folder: not the workspace's own file
        }
    }

    private static void Stop(Process git)
    {
        try
        {
            git.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // It had already exited.
        }
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
        using CancellationTokenRegistration kill = cancellationToken.Register(() => Stop(git));
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
