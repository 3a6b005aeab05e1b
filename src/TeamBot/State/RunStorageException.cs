using System;

namespace TeamBot.State;

/// <summary>
/// A file of the run could not be written: the disk is full, permission was denied, the file system is read-only, or a
/// path inside the run's folder is a symbolic link; or a store's <see cref="IRunFence"/> could not read whether the
/// session still owns the run. The run stopped; its last saved state is intact, and it resumes once the cause is gone.
/// </summary>
public sealed class RunStorageException : WorkflowStateException
{
    /// <summary>Initializes a new instance of the <see cref="RunStorageException"/> class.</summary>
    public RunStorageException()
    {
    }

    /// <summary>Initializes a new instance of the <see cref="RunStorageException"/> class.</summary>
    /// <param name="message">What could not be written, and why.</param>
    public RunStorageException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="RunStorageException"/> class.</summary>
    /// <param name="message">What could not be written, and why.</param>
    /// <param name="innerException">The file system's error.</param>
    public RunStorageException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Gets the file or folder that could not be written.</summary>
    public string? Path { get; init; }
}
