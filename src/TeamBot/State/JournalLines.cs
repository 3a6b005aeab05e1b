using System;
using System.Buffers;
using System.Collections.Generic;
using System.Text.Json;

namespace TeamBot.State;

/// <summary>The journal's line format: one JSON object per line, each line ended by a newline.</summary>
internal static class JournalLines
{
    /// <summary>Writes the entries as lines to <paramref name="output"/>, each ended by a newline.</summary>
    public static void Write(IReadOnlyList<JournalEntry> entries, IBufferWriter<byte> output)
    {
        using var writer = new Utf8JsonWriter(output);
        foreach (JournalEntry entry in entries)
        {
            JsonSerializer.Serialize(writer, entry, JournalJsonContext.Default.JournalEntry);
            writer.Flush();
            writer.Reset();
            output.Write("\n"u8);
        }
    }

    /// <summary>
    /// Reads the lines. Each entry is written with one append that ends in the newline, so a crash mid-write leaves a
    /// last line without it, or one that does not parse: that line never took effect and is left out. A bad line
    /// anywhere else means the file was damaged, which is an error.
    /// </summary>
    public static List<JournalEntry> Parse(ReadOnlySpan<byte> bytes, string location)
    {
        var entries = new List<JournalEntry>();
        int lineNumber = 0;
        if (bytes.StartsWith("\uFEFF"u8))
        {
            bytes = bytes[3..]; // a byte order mark, left by an editor
        }

        while (!bytes.IsEmpty)
        {
            lineNumber++;
            int end = bytes.IndexOf((byte)'\n');
            if (end < 0)
            {
                break;
            }

            ReadOnlySpan<byte> line = bytes[..end];
            bytes = bytes[(end + 1)..];
            if (line.Trim((byte)' ').IsEmpty)
            {
                continue;
            }

            JournalEntry? entry;
            try
            {
                entry = JsonSerializer.Deserialize(line, JournalJsonContext.Default.JournalEntry);
            }
            catch (JsonException) when (IsLast(bytes))
            {
                break;
            }
            catch (JsonException ex)
            {
                throw new WorkflowStateException($"The journal '{location}' is corrupt at line {lineNumber}: {ex.Message} It was left unchanged; fix or delete it (the run then resumes from its last snapshot).", ex);
            }

            if (entry is null || string.IsNullOrEmpty(entry.Event))
            {
                throw new WorkflowStateException($"The journal '{location}' is corrupt at line {lineNumber}: it holds no event. It was left unchanged.");
            }

            entries.Add(entry);
        }

        return entries;
    }

    // A torn write may leave zeros (space the file system allotted but never filled) after the last newline.
    private static bool IsLast(ReadOnlySpan<byte> rest) => rest.Trim((byte)0).IsEmpty;
}
