using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Text.Json;
using System.Threading;

namespace TeamBot.Agents.Replay;

/// <summary>
/// A recorded run's agent calls: <c>transcript.jsonl</c> in a folder of its own, one call per line in the order the
/// answers came. A resumed run's calls are appended to the same transcript.
/// </summary>
public sealed class Transcript
{
    /// <summary>The transcript's file name in its folder.</summary>
    public const string FileName = "transcript.jsonl";

    private readonly Lock _append = new();

    private Transcript(string path, IReadOnlyList<TranscriptEntry> entries)
    {
        Path = path;
        Entries = entries;
    }

    /// <summary>Gets the transcript file's full path.</summary>
    public string Path { get; }

    /// <summary>Gets the calls it held when it was opened, in order.</summary>
    public IReadOnlyList<TranscriptEntry> Entries { get; }

    /// <summary>Opens the transcript in <paramref name="directory"/> for recording, creating the folder if needed.</summary>
    /// <exception cref="ArgumentException">The folder cannot be made, or the transcript in it cannot be read.</exception>
    public static Transcript ForRecording(string directory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        string path = System.IO.Path.Combine(System.IO.Path.GetFullPath(directory), FileName);
        try
        {
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new ArgumentException($"The transcript folder '{directory}' cannot be made: {ex.Message}", nameof(directory), ex);
        }

        if (!File.Exists(path))
        {
            return new Transcript(path, []);
        }

        List<TranscriptEntry> entries = Read(path);
        DropCutLine(path);
        return new Transcript(path, entries);
    }

    /// <summary>Opens the transcript in <paramref name="directory"/> for replay.</summary>
    /// <exception cref="ArgumentException">There is no transcript there, or a line of it is not a recorded call (named by its number).</exception>
    public static Transcript ForReplay(string directory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        string path = System.IO.Path.Combine(System.IO.Path.GetFullPath(directory), FileName);
        if (!File.Exists(path))
        {
            throw new ArgumentException($"There is no transcript to replay at '{path}'; record one with --record {directory}.", nameof(directory));
        }

        return new Transcript(path, Read(path));
    }

    /// <summary>Appends one call and flushes it, so a crash loses no recorded answer.</summary>
    /// <remarks>One short line, written whole under a lock: concurrent agents' lines never interleave.</remarks>
    public void Append(TranscriptEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        byte[] line = [.. JsonSerializer.SerializeToUtf8Bytes(entry, TranscriptJsonContext.Default.TranscriptEntry), (byte)'\n'];
        lock (_append)
        {
            using var stream = new FileStream(Path, FileMode.Append, FileAccess.Write, FileShare.Read);
            stream.Write(line);
            stream.Flush(flushToDisk: true);
        }
    }

    /// <summary>Removes the last line a crash cut short, so the next call recorded starts a line of its own.</summary>
    private static void DropCutLine(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.Read);
        long end = stream.Length;
        while (end > 0)
        {
            stream.Seek(end - 1, SeekOrigin.Begin);
            if (stream.ReadByte() == '\n')
            {
                break;
            }

            end--;
        }

        stream.SetLength(end);
    }

    private static bool EndsWithNewLine(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        if (stream.Length == 0)
        {
            return true;
        }

        stream.Seek(-1, SeekOrigin.End);
        return stream.ReadByte() == '\n';
    }

    private static List<TranscriptEntry> Read(string path)
    {
        var entries = new List<TranscriptEntry>();
        string[] lines;
        try
        {
            lines = File.ReadAllLines(path, Encoding.UTF8);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new ArgumentException($"The transcript '{path}' cannot be read: {ex.Message}", nameof(path), ex);
        }

        for (int i = 0; i < lines.Length; i++)
        {
            if (string.IsNullOrWhiteSpace(lines[i]))
            {
                continue;
            }

            try
            {
                entries.Add(JsonSerializer.Deserialize(lines[i], TranscriptJsonContext.Default.TranscriptEntry)
                    ?? throw new JsonException("the line is null"));
            }
            catch (JsonException) when (i == lines.Length - 1 && !EndsWithNewLine(path))
            {
                // The last line of a recording cut short by a crash: its answer was never used, so it is not a call.
                break;
            }
            catch (JsonException ex)
            {
                throw new ArgumentException($"The transcript '{path}' is not valid at line {i + 1}: {ex.Message} It was left unchanged.", nameof(path), ex);
            }
        }

        return entries;
    }
}
