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
    private static readonly EnumerationOptions NoLinks = new() { RecurseSubdirectories = true, AttributesToSkip = FileAttributes.ReparsePoint, IgnoreInaccessible = true };

    public static async Task<List<string>> MatchingAsync(string workspace, IEnumerable<string> globs, CancellationToken cancellationToken)
    {
        var matcher = new Matcher(StringComparison.Ordinal);
        matcher.AddIncludePatterns(globs);
        matcher.AddExcludePatterns([".git/**", ".teambot/**"]);
        IEnumerable<string> candidates = Path.Exists(Path.Combine(workspace, ".git"))
            ? await GitFilesAsync(workspace, cancellationToken).ConfigureAwait(false)
            : Directory.EnumerateFiles(workspace, "*", NoLinks).Select(path => Path.GetRelativePath(workspace, path).Replace('\\', '/'));
        return candidates
            .Where(relative => matcher.Match(relative).HasMatches && IsPlainFile(Path.Combine(workspace, relative)))
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    private static bool IsPlainFile(string path)
    {
        var info = new FileInfo(path);
        return info.Exists && info.LinkTarget is null;
    }

    private static async Task<string[]> GitFilesAsync(string workspace, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("git")
        {
            WorkingDirectory = workspace,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in (string[])["-c", "core.fsmonitor=false", "ls-files", "-z", "--cached", "--others", "--exclude-standard"])
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
