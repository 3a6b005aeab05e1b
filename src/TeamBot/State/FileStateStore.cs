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

    private readonly SegmentedBuffer _lines = new();

    /// <summary>Initializes a new instance of the <see cref="FileStateStore"/> class.</summary>
    /// <param name="runDirectory">The run's folder; created on the first save.</param>
    public FileStateStore(string runDirectory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(runDirectory);
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
            return JsonSerializer.Deserialize(bytes, StateJsonContext.Default.OrchestrationStateDocument)
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
    /// one folder replaces the file atomically, so a crash leaves the old or the new state, never a torn one.
    /// </remarks>
    public async ValueTask SaveAsync(OrchestrationStateDocument state, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(state);
        Directory.CreateDirectory(RunDirectory);
        string temporary = Path.Combine(RunDirectory, $".{StateFileName}.{Guid.NewGuid():N}.tmp");
        try
        {
            var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 16 * 1024, useAsync: true);
            await using (stream.ConfigureAwait(false))
            {
                await JsonSerializer.SerializeAsync(stream, state, StateJsonContext.Default.OrchestrationStateDocument, cancellationToken).ConfigureAwait(false);
                await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, StatePath, overwrite: true);
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }

        // The snapshot holds every entry up to its journal_sequence; a crash before this line leaves entries that
        // readers skip by their numbers.
        File.Delete(JournalPath);
    }

    /// <inheritdoc/>
    /// <remarks>The lines are appended, then flushed to disk once: a crash keeps whole entries and at most a torn last line.</remarks>
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
        Directory.CreateDirectory(RunDirectory);
        var stream = new FileStream(JournalPath, FileMode.Append, FileAccess.Write, FileShare.Read, bufferSize: 0);
        await using (stream.ConfigureAwait(false))
        {
            foreach (ReadOnlyMemory<byte> segment in _lines.Written)
            {
                await stream.WriteAsync(segment, cancellationToken).ConfigureAwait(false);
            }

            stream.Flush(flushToDisk: true);
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
    public IDisposable Lock()
    {
        Directory.CreateDirectory(RunDirectory);
        string path = Path.Combine(RunDirectory, LockFileName);
        try
        {
            // FileShare.None takes an exclusive lock the OS drops when the process dies, so a crash never leaves the run
            // locked. The file stays: deleted on close, a waiting process could lock the deleted file while a third
            // locked a new one at the same path, and both would run.
            return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, bufferSize: 1);
        }
        catch (IOException ex)
        {
            throw new WorkflowStateLockedException($"Another process is running the run in '{RunDirectory}' (it holds '{path}'). Wait for it to finish or stop it first.", ex);
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
    /// <exception cref="WorkflowStateException">An entry cannot be deleted; the entries before it are gone.</exception>
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
                if (entry is DirectoryInfo directory)
                {
                    directory.Delete(recursive: true);
                }
                else if (!string.Equals(entry.Name, LockFileName, StringComparison.Ordinal))
                {
                    entry.Delete();
                }
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new WorkflowStateException($"The run folder '{RunDirectory}' cannot be cleared: {ex.Message}", ex);
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
