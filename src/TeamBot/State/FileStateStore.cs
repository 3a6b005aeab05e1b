using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace TeamBot.State;

/// <summary>
/// A run's state as <c>orchestration_state.json</c> in the run's folder (for example <c>.teambot/add-export</c>),
/// saved atomically and guarded by a lock file.
/// </summary>
public sealed class FileStateStore : IWorkflowStateStore, IWorkflowJournal
{
    /// <summary>The state file's name, as the Python TeamBot named it.</summary>
    public const string StateFileName = "orchestration_state.json";

    /// <summary>The journal's name: the events since the last snapshot, one JSON object per line.</summary>
    public const string JournalFileName = "orchestration_state.journal";

    /// <summary>The lock file's name.</summary>
    public const string LockFileName = "orchestration_state.lock";

    private static readonly byte[] ByteOrderMark = [0xEF, 0xBB, 0xBF];

    private readonly SegmentedBuffer _lines = new();
    private readonly RunFileSystem _files;
    private bool _saved;

    /// <summary>Initializes a new instance of the <see cref="FileStateStore"/> class.</summary>
    /// <param name="runDirectory">The run's folder; created on the first save.</param>
    public FileStateStore(string runDirectory)
        : this(runDirectory, RunFileSystem.Default)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="FileStateStore"/> class that writes through <paramref name="files"/>.</summary>
    /// <param name="runDirectory">The run's folder; created on the first save.</param>
    /// <param name="files">The file system every write goes through (a test's, to make writes fail).</param>
    public FileStateStore(string runDirectory, RunFileSystem files)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(runDirectory);
        ArgumentNullException.ThrowIfNull(files);
        _files = files;
        RunDirectory = Path.GetFullPath(runDirectory);
        StatePath = Path.Combine(RunDirectory, StateFileName);
        JournalPath = Path.Combine(RunDirectory, JournalFileName);
    }

    /// <summary>Gets the run's folder.</summary>
    public string RunDirectory { get; }

    /// <summary>Gets the state file's path.</summary>
    public string StatePath { get; }

    /// <summary>Gets the journal's path.</summary>
    public string JournalPath { get; }

    /// <inheritdoc/>
    public string Location => StatePath;

    /// <inheritdoc/>
    public string JournalLocation => JournalPath;

    /// <summary>Finds the run folder under <paramref name="root"/> whose state was saved last, as the Python TeamBot did.</summary>
    /// <returns>The folder, or <see langword="null"/> when there is no run.</returns>
    public static string? FindMostRecentRun(string root)
    {
        if (!Directory.Exists(root))
        {
            return null;
        }

        // The journal is written after every event, the snapshot only now and then: a run's last activity is the later of the two.
        return Directory.EnumerateDirectories(root)
            .Select(dir => (Directory: dir, State: new FileInfo(Path.Combine(dir, StateFileName)), Journal: new FileInfo(Path.Combine(dir, JournalFileName))))
            .Where(run => run.State.Exists)
            .OrderByDescending(run => run.Journal.Exists && run.Journal.LastWriteTimeUtc > run.State.LastWriteTimeUtc ? run.Journal.LastWriteTimeUtc : run.State.LastWriteTimeUtc)
            .Select(run => run.Directory)
            .FirstOrDefault();
    }

    /// <inheritdoc/>
    public async ValueTask<OrchestrationStateDocument?> LoadAsync(CancellationToken cancellationToken)
    {
        byte[] bytes;
        try
        {
            bytes = await ReadSharedAsync(StatePath, cancellationToken).ConfigureAwait(false);
        }
        catch (FileNotFoundException)
        {
            return null;
        }
        catch (DirectoryNotFoundException)
        {
            return null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new WorkflowStateException($"The state file '{StatePath}' cannot be read: {ex.Message}", ex);
        }

        try
        {
            // Editors on Windows save UTF-8 with a byte order mark, which JSON readers of bytes do not skip.
            ReadOnlySpan<byte> json = bytes.AsSpan().StartsWith(ByteOrderMark) ? bytes.AsSpan(ByteOrderMark.Length) : bytes;
            return JsonSerializer.Deserialize(json, StateJsonContext.Default.OrchestrationStateDocument)
                ?? throw new WorkflowStateException($"The state file '{StatePath}' is corrupt: it holds null instead of a state object. It was left unchanged.");
        }
        catch (JsonException ex)
        {
            throw new WorkflowStateException($"The state file '{StatePath}' is corrupt: {ex.Message} It was left unchanged; fix or delete it to start over.", ex);
        }
    }

    /// <inheritdoc/>
    /// <remarks>
    /// Writes a temporary file in the same folder, flushes it to disk and renames it over the state file; a rename within
    /// one folder replaces the file atomically, so a crash leaves the old or the new state, never a torn one. The first
    /// save of a session also removes temporary files that an earlier session's crash left.
    /// </remarks>
    /// <exception cref="RunStorageException">The state cannot be written; the state saved before is intact.</exception>
    public async ValueTask SaveAsync(OrchestrationStateDocument state, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (!_saved)
        {
            RunFiles.RemoveStaleTemporaries(_files, RunDirectory);
        }

        await RunFiles.WriteAsync(
            _files,
            RunDirectory,
            StatePath,
            (stream, token) => JsonSerializer.SerializeAsync(stream, state, StateJsonContext.Default.OrchestrationStateDocument, token),
            cancellationToken).ConfigureAwait(false);
        _saved = true;

        // The snapshot holds every entry up to its journal_sequence; a crash before this line leaves entries that
        // readers skip by their numbers.
        RunFiles.Change(JournalPath, () => _files.Delete(JournalPath));
    }

    /// <inheritdoc/>
    /// <remarks>The lines are appended, then flushed to disk once: a crash keeps whole entries and at most a torn last line.</remarks>
    /// <exception cref="RunStorageException">The journal cannot be written; at most its last line is torn, which readers skip.</exception>
    public async ValueTask AppendAsync(IReadOnlyList<JournalEntry> entries, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entries);
        if (entries.Count == 0)
        {
            return;
        }

        // One run's appends come one round at a time, so one buffer serves them all; its segments stay below the
        // large-object threshold, so a round of many events costs no gen-2 collection.
        _lines.Clear();
        JournalLines.Write(entries, _lines);
        RunFiles.EnsureNoLinks(RunDirectory, JournalPath);
        try
        {
            _files.CreateDirectory(RunDirectory);
            Stream stream = _files.OpenAppend(JournalPath);
            await using (stream.ConfigureAwait(false))
            {
                foreach (ReadOnlyMemory<byte> segment in _lines.Written)
                {
                    await stream.WriteAsync(segment, cancellationToken).ConfigureAwait(false);
                }

                await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
                (stream as FileStream)?.Flush(flushToDisk: true);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw RunFiles.Failed(JournalPath, ex);
        }
    }

    /// <inheritdoc/>
    public async ValueTask<IReadOnlyList<JournalEntry>> ReadJournalAsync(CancellationToken cancellationToken)
    {
        byte[] bytes;
        try
        {
            bytes = await ReadSharedAsync(JournalPath, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return [];
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new WorkflowStateException($"The journal '{JournalPath}' cannot be read: {ex.Message}", ex);
        }

        return JournalLines.Parse(bytes, JournalPath);
    }

    /// <inheritdoc/>
    /// <exception cref="WorkflowStateLockedException">Another process holds the run.</exception>
    /// <exception cref="RunStorageException">The lock file cannot be made: the folder is read-only or not writable.</exception>
    public IDisposable Lock()
    {
        string path = Path.Combine(RunDirectory, LockFileName);
        RunFiles.EnsureNoLinks(RunDirectory, path);
        RunFiles.Change(RunDirectory, () => _files.CreateDirectory(RunDirectory));
        try
        {
            // FileShare.None takes an exclusive lock the OS drops when the process dies, so a crash never leaves the run
            // locked. The file stays: deleted on close, a waiting process could lock the deleted file while a third
            // locked a new one at the same path, and both would run.
            return _files.OpenExclusive(path);
        }
        catch (IOException ex) when (RunFiles.IsHeldByAnotherProcess(ex))
        {
            throw new WorkflowStateLockedException($"Another process is running the run in '{RunDirectory}' (it holds '{path}'). Wait for it to finish or stop it first.", ex);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw RunFiles.Failed(path, ex);
        }
    }

    /// <summary>
    /// Empties the run's folder for a fresh start: the state, the journal, the artifacts, the failure reports and
    /// anything else in it go; the lock file stays.
    /// </summary>
    /// <remarks>
    /// The caller must hold <see cref="Lock"/>. The lock file stays because the lock lives on it: were it deleted, a
    /// second process could create and lock a new one while the caller still runs in the folder.
    /// </remarks>
    /// <exception cref="RunStorageException">An entry cannot be deleted; the entries before it are gone.</exception>
    public void ClearRun()
    {
        var folder = new DirectoryInfo(RunDirectory);
        if (!folder.Exists)
        {
            return;
        }

        try
        {
            foreach (FileSystemInfo entry in folder.GetFileSystemInfos())
            {
                // A link is deleted as a file: the link goes, never what it points to.
                if (entry is DirectoryInfo { LinkTarget: null } directory)
                {
                    _files.DeleteDirectory(directory.FullName);
                }
                else if (!string.Equals(entry.Name, LockFileName, StringComparison.Ordinal))
                {
                    _files.Delete(entry.FullName);
                }
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new RunStorageException($"The run folder '{RunDirectory}' cannot be cleared: {ex.Message}", ex) { Path = RunDirectory };
        }
    }

    /// <summary>
    /// Reads a file while a running process may append to it, replace it or delete it: a reader (<c>teambot status</c>)
    /// must never make the run's own writes fail, which on Windows they would without these sharing flags.
    /// </summary>
    private static async Task<byte[]> ReadSharedAsync(string path, CancellationToken cancellationToken)
    {
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, bufferSize: 1, useAsync: true);
        await using (stream.ConfigureAwait(false))
        {
            var buffer = new MemoryStream();
            await stream.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
            return buffer.ToArray();
        }
    }
}
