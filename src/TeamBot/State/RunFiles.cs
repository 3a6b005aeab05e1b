using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace TeamBot.State;

/// <summary>
/// How the runtime writes a run's files through a <see cref="RunFileSystem"/>: whole or not at all, never through a
/// symbolic link inside the run's folder, and with every file system error turned into a
/// <see cref="RunStorageException"/> that names the file and says why.
/// </summary>
internal static class RunFiles
{
    private const string TemporarySuffix = ".tmp";

    // Unix errno values and Windows HRESULTs: .NET keeps the raw code in IOException.HResult.
    private const int NoSpaceErrno = 28;
    private const int ReadOnlyErrno = 30;
    private const int WouldBlockLinux = 11;
    private const int WouldBlockMac = 35;
    private const int DiskFull = unchecked((int)0x80070070);
    private const int HandleDiskFull = unchecked((int)0x80070027);
    private const int WriteProtect = unchecked((int)0x80070013);
    private const int SharingViolation = unchecked((int)0x80070020);
    private const int LockViolation = unchecked((int)0x80070021);

    /// <summary>The folders of a run that hold files written whole through a temporary file.</summary>
    private static readonly string[] WrittenFolders = ["artifacts", "failures", "transcripts"];

    /// <summary>Writes <paramref name="text"/> to <paramref name="path"/> whole or not at all.</summary>
    public static Task WriteAllTextAsync(RunFileSystem files, string runDirectory, string path, string text, CancellationToken cancellationToken) =>
        WriteAsync(files, runDirectory, path, (stream, token) => stream.WriteAsync(Encoding.UTF8.GetBytes(text), token).AsTask(), cancellationToken);

    /// <summary>
    /// Writes a temporary file beside <paramref name="path"/>, flushes it to disk and renames it over the file: a crash
    /// leaves the old or the new file, never a torn one, and a symbolic link at <paramref name="path"/> is replaced, not
    /// followed.
    /// </summary>
    public static async Task WriteAsync(RunFileSystem files, string runDirectory, string path, Func<Stream, CancellationToken, Task> write, CancellationToken cancellationToken)
    {
        string folder = Path.GetDirectoryName(path)!;
        EnsureNoLinks(runDirectory, folder);
        string temporary = Path.Combine(folder, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}{TemporarySuffix}");
        try
        {
            files.CreateDirectory(folder);
            Stream stream = files.CreateNew(temporary);
            await using (stream.ConfigureAwait(false))
            {
                await write(stream, cancellationToken).ConfigureAwait(false);
                await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
                (stream as FileStream)?.Flush(flushToDisk: true);
            }

            files.Replace(temporary, path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            TryDelete(files, temporary);
            throw Failed(path, ex);
        }
        catch
        {
            TryDelete(files, temporary);
            throw;
        }
    }

    /// <summary>Does one change to the file system, turning its error into a <see cref="RunStorageException"/>.</summary>
    public static void Change(string path, Action change)
    {
        try
        {
            change();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw Failed(path, ex);
        }
    }

    /// <summary>The error for a file that could not be written, saying why in words a user can act on.</summary>
    public static RunStorageException Failed(string path, Exception ex) =>
        ex as RunStorageException ?? new RunStorageException($"'{path}' cannot be written: {Reason(ex)}.", ex) { Path = path };

    /// <summary>Whether opening a file failed because another process holds it, not because it cannot be written.</summary>
    public static bool IsHeldByAnotherProcess(IOException ex) =>
        ex.GetType() == typeof(IOException) && ex.HResult is WouldBlockLinux or WouldBlockMac or SharingViolation or LockViolation;

    /// <summary>
    /// Refuses a symbolic link anywhere from <paramref name="runDirectory"/> down to <paramref name="folder"/>: written
    /// through, it would put the run's files wherever it points.
    /// </summary>
    public static void EnsureNoLinks(string runDirectory, string folder)
    {
        string root = Path.GetFullPath(runDirectory);
        string full = Path.GetFullPath(folder);
        if (!full.StartsWith(root, StringComparison.Ordinal) || (full.Length > root.Length && full[root.Length] != Path.DirectorySeparatorChar))
        {
            throw new RunStorageException($"'{full}' is outside the run's folder '{root}'; the run writes only inside it.") { Path = full };
        }

        for (string? at = full; at is not null && at.Length >= root.Length; at = Path.GetDirectoryName(at))
        {
            if (new DirectoryInfo(at).LinkTarget is { } target)
            {
                throw new RunStorageException($"'{at}' is a symbolic link (to '{target}'); the run writes only inside its folder and does not write through links.") { Path = at };
            }
        }
    }

    /// <summary>Deletes temporary files that a save cut short by a crash left behind; only the run's lock holder may call it.</summary>
    public static void RemoveStaleTemporaries(RunFileSystem files, string runDirectory)
    {
        IEnumerable<string> stale = Temporaries(runDirectory, SearchOption.TopDirectoryOnly)
            .Concat(WrittenFolders.SelectMany(folder => Temporaries(Path.Combine(runDirectory, folder), SearchOption.AllDirectories)));
        foreach (string path in stale.ToList())
        {
            TryDelete(files, path);
        }
    }

    private static IEnumerable<string> Temporaries(string folder, SearchOption option)
    {
        if (!Directory.Exists(folder) || new DirectoryInfo(folder).LinkTarget is not null)
        {
            return [];
        }

        var options = new EnumerationOptions { RecurseSubdirectories = option == SearchOption.AllDirectories, AttributesToSkip = FileAttributes.ReparsePoint, IgnoreInaccessible = true };
        return Directory.EnumerateFiles(folder, "." + "*" + TemporarySuffix, options);
    }

    private static void TryDelete(RunFileSystem files, string path)
    {
        try
        {
            files.Delete(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Left for the next session's start to remove; the error that matters is the one that got us here.
        }
    }

    private static string Reason(Exception ex) => ex switch
    {
        UnauthorizedAccessException => "permission denied",
        IOException { HResult: NoSpaceErrno or DiskFull or HandleDiskFull } => "the disk is full",
        IOException { HResult: ReadOnlyErrno or WriteProtect } => "the file system is read-only",
        _ => ex.Message,
    };
}
