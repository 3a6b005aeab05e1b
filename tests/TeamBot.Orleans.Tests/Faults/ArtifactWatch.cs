using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;

namespace TeamBot.Orleans.Tests.Faults;

/// <summary>One write of an artifact as seen on disk: when it was made (the file's time) and by which stage's call.</summary>
internal sealed record ArtifactWrite(string Run, string Path, string Stage, DateTime At);

/// <summary>
/// Watches the silos' runs folder and records each artifact write with the file's own time of last write and the stage
/// whose call produced it (the silo host stamps each artifact with its stage). A watcher may merge quick writes to one
/// file into one event; what it reports are real writes, with their real times.
/// </summary>
internal sealed class ArtifactWatch : IDisposable
{
    private const string StampPrefix = "<!-- written by stage ";

    private readonly string _root;
    private readonly FileSystemWatcher _watcher;
    private readonly ConcurrentDictionary<ArtifactWrite, bool> _writes = new();
    private int _overflows;

    public ArtifactWatch(string root)
    {
        _root = root;
        _watcher = new FileSystemWatcher(root)
        {
            IncludeSubdirectories = true,
            InternalBufferSize = 64 * 1024,
            NotifyFilter = NotifyFilters.FileName | NotifyFilters.LastWrite | NotifyFilters.Size | NotifyFilters.DirectoryName,
        };
        _watcher.Changed += (_, e) => Record(e.FullPath);
        _watcher.Created += (_, e) => Record(e.FullPath);
        _watcher.Error += (_, _) => Interlocked.Increment(ref _overflows);
        _watcher.EnableRaisingEvents = true;
    }

    /// <summary>Gets the writes seen so far, with the final state of every artifact on disk.</summary>
    public IReadOnlyList<ArtifactWrite> Writes()
    {
        foreach (string file in Directory.EnumerateFiles(_root, "*", SearchOption.AllDirectories))
        {
            Record(file);
        }

        return _writes.Keys.ToList();
    }

    /// <summary>Gets how often the watcher lost events; the audit is only complete when none were lost.</summary>
    public int Overflows => _overflows;

    public void Dispose() => _watcher.Dispose();

    private void Record(string path)
    {
        // <root>/<run>/artifacts/<path>
        string[] parts = System.IO.Path.GetRelativePath(_root, path).Split(System.IO.Path.DirectorySeparatorChar, 3);
        if (parts.Length < 3 || parts[1] != "artifacts" || !File.Exists(path))
        {
            return;
        }

        for (int attempt = 0; attempt < 5; attempt++)
        {
            try
            {
                DateTime before = File.GetLastWriteTimeUtc(path);
                string content = File.ReadAllText(path);
                if (File.GetLastWriteTimeUtc(path) != before)
                {
                    continue;
                }

                // A write still under way has no stamp yet; its end raises another event.
                int stamp = content.LastIndexOf(StampPrefix, StringComparison.Ordinal);
                if (stamp >= 0)
                {
                    string stage = content[(stamp + StampPrefix.Length)..].Split(' ', 2)[0];
                    _writes.TryAdd(new ArtifactWrite(parts[0], parts[2], stage, before), true);
                }

                return;
            }
            catch (IOException)
            {
            }
        }
    }
}
