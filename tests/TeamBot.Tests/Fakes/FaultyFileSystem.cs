using System;
using System.Collections.Concurrent;
using System.IO;
using System.Threading;
using TeamBot.State;

namespace TeamBot.Tests.Fakes;

/// <summary>The faults a disk gives, as .NET reports them on Linux (the errno in HResult).</summary>
public enum DiskFault
{
    /// <summary>ENOSPC from the failing write on; the disk stays full.</summary>
    NoSpace,

    /// <summary>EACCES from the failing write on.</summary>
    Denied,

    /// <summary>EROFS from the failing write on.</summary>
    ReadOnly,

    /// <summary>One failed rename; the disk is fine otherwise.</summary>
    FailedRename,
}

/// <summary>
/// The real file system, but write number <see cref="FailAt"/> (counting from 0) fails with <see cref="Fault"/>, and
/// every later one too; for <see cref="DiskFault.FailedRename"/>, rename number <see cref="FailAt"/> alone fails, since
/// parallel work may interleave renames with other writes differently from run to run. Every write is recorded, so a
/// test can first count them and then fail each in turn.
/// </summary>
internal sealed class FaultyFileSystem(DiskFault fault = DiskFault.NoSpace, int failAt = int.MaxValue) : RunFileSystem
{
    private int _writes;
    private int _renames;

    public DiskFault Fault { get; } = fault;

    public int FailAt { get; } = failAt;

    /// <summary>Gets every write asked for, in order: the operation and the path.</summary>
    public ConcurrentQueue<(string Operation, string Path)> Writes { get; } = new();

    private int _failed;

    public int Failed => Volatile.Read(ref _failed);

    public override void CreateDirectory(string path)
    {
        Write(nameof(CreateDirectory), path);
        base.CreateDirectory(path);
    }

    public override Stream CreateNew(string path)
    {
        Write(nameof(CreateNew), path);
        return base.CreateNew(path);
    }

    public override Stream OpenAppend(string path)
    {
        Write(nameof(OpenAppend), path);
        return base.OpenAppend(path);
    }

    public override Stream OpenExclusive(string path)
    {
        Write(nameof(OpenExclusive), path);
        return base.OpenExclusive(path);
    }

    public override void Replace(string source, string destination)
    {
        Write(nameof(Replace), destination);
        base.Replace(source, destination);
    }

    public override void MoveDirectory(string source, string destination)
    {
        Write(nameof(MoveDirectory), destination);
        base.MoveDirectory(source, destination);
    }

    public override void Copy(string source, string destination, bool overwrite)
    {
        Write(nameof(Copy), destination);
        base.Copy(source, destination, overwrite);
    }

    public override void Delete(string path)
    {
        Write(nameof(Delete), path);
        base.Delete(path);
    }

    public override void DeleteDirectory(string path)
    {
        Write(nameof(DeleteDirectory), path);
        base.DeleteDirectory(path);
    }

    private void Write(string operation, string path)
    {
        int number = Interlocked.Increment(ref _writes) - 1;
        Writes.Enqueue((operation, path));
        bool fails = Fault == DiskFault.FailedRename
            ? operation == nameof(Replace) && Interlocked.Increment(ref _renames) - 1 == FailAt
            : number >= FailAt;
        if (fails)
        {
            Interlocked.Increment(ref _failed);
            throw Fault switch
            {
                DiskFault.NoSpace => new IOException($"No space left on device : '{path}'", 28),
                DiskFault.Denied => new UnauthorizedAccessException($"Access to the path '{path}' is denied."),
                DiskFault.ReadOnly => new IOException($"Read-only file system : '{path}'", 30),
                _ => new IOException($"Rename failed : '{path}'", 5),
            };
        }
    }
}
