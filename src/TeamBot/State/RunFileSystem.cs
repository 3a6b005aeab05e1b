using System.IO;

namespace TeamBot.State;

/// <summary>
/// Every change the runtime makes to files on disk goes through here: the run's state, journal and lock, its artifacts,
/// transcripts, failure reports and workspace checkpoints. A test derives from it to make any one of those writes fail
/// as a full disk, a denied permission or a read-only file system would.
/// </summary>
/// <remarks>
/// Methods fail as <see cref="System.IO"/> does (<see cref="IOException"/>, <see cref="System.UnauthorizedAccessException"/>);
/// the runtime turns those into a <see cref="RunStorageException"/> naming the file.
/// </remarks>
public class RunFileSystem
{
    /// <summary>Initializes a new instance of the <see cref="RunFileSystem"/> class: the real file system.</summary>
    protected internal RunFileSystem()
    {
    }

    /// <summary>Gets the real file system.</summary>
    public static RunFileSystem Default { get; } = new();

    /// <summary>Creates a folder and its parents.</summary>
    /// <param name="path">The folder.</param>
    public virtual void CreateDirectory(string path) => Directory.CreateDirectory(path);

    /// <summary>Creates a new file for writing; fails if it exists.</summary>
    /// <param name="path">The file.</param>
    /// <returns>The file's stream, positioned at its start.</returns>
    public virtual Stream CreateNew(string path) =>
        new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 16 * 1024, useAsync: true);

    /// <summary>Opens a file to append to, creating it if missing.</summary>
    /// <param name="path">The file.</param>
    /// <returns>The file's stream, positioned at its end.</returns>
    public virtual Stream OpenAppend(string path) =>
        new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read, bufferSize: 0);

    /// <summary>Opens a file exclusively, creating it if missing: the run's lock, held until the stream is closed.</summary>
    /// <param name="path">The lock file.</param>
    /// <returns>The open, exclusively held file.</returns>
    public virtual Stream OpenExclusive(string path) =>
        new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, bufferSize: 1);

    /// <summary>Renames a file over another in the same folder, replacing it atomically (a symbolic link is replaced, not followed).</summary>
    /// <param name="source">The file to rename.</param>
    /// <param name="destination">The name it takes.</param>
    public virtual void Replace(string source, string destination) => File.Move(source, destination, overwrite: true);

    /// <summary>Renames a folder; the destination must not exist.</summary>
    /// <param name="source">The folder to rename.</param>
    /// <param name="destination">The name it takes.</param>
    public virtual void MoveDirectory(string source, string destination) => Directory.Move(source, destination);

    /// <summary>Copies a file.</summary>
    /// <param name="source">The file to copy.</param>
    /// <param name="destination">The copy.</param>
    /// <param name="overwrite">Whether an existing copy is replaced.</param>
    public virtual void Copy(string source, string destination, bool overwrite) => File.Copy(source, destination, overwrite);

    /// <summary>Deletes a file; a missing one is no error.</summary>
    /// <param name="path">The file.</param>
    public virtual void Delete(string path) => File.Delete(path);

    /// <summary>Deletes a folder and everything in it.</summary>
    /// <param name="path">The folder.</param>
    public virtual void DeleteDirectory(string path) => Directory.Delete(path, recursive: true);
}
