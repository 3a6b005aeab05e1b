using System;
using System.Buffers;
using System.IO;
using System.Text;
using System.Text.Unicode;

namespace TeamBot.Objectives;

/// <summary>
/// Reads an objective file's text: UTF-8, with or without a byte order mark, of at most
/// <see cref="ObjectiveParser.MaxFileBytes"/> bytes. The limit applies to what is read, not to what the file says its
/// size is, so a device or a pipe that never ends (<c>/dev/zero</c>, <c>teambot run &lt;(yes)</c>) is cut off there too.
/// </summary>
internal static class ObjectiveFile
{
    // Pipes and devices do not say their size; their bytes are read into a buffer that grows from this.
    private const int StreamStartBytes = 16 * 1024;

    public static string Read(string path)
    {
        if (Directory.Exists(path))
        {
            throw new ObjectiveException($"The objective file '{path}' is a folder, not a file.");
        }

        byte[] bytes;
        int length;
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0);
            (bytes, length) = ReadAtMostLimit(stream, path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            // ArgumentException: a path with a NUL character, which only a hand-edited or hostile state file names.
            throw new ObjectiveException($"The objective file '{path}' cannot be read: {ex.Message}", ex);
        }

        return Decode(bytes.AsSpan(0, length), path);
    }

    /// <summary>The file's bytes, reading no more than one byte past the limit to tell that it is over.</summary>
    private static (byte[] Bytes, int Length) ReadAtMostLimit(FileStream stream, string path)
    {
        long? size = stream.CanSeek && stream.Length > 0 ? stream.Length : null;
        if (size > ObjectiveParser.MaxFileBytes)
        {
            throw new ObjectiveException($"The objective file '{path}' is {size} bytes, more than the {ObjectiveParser.MaxFileBytes} bytes (1 MiB) an objective file may have.");
        }

        // One byte more than the file says it has, so that the end is seen without growing the buffer.
        byte[] buffer = new byte[(size ?? StreamStartBytes) + 1];
        int length = 0;
        while (true)
        {
            if (length == buffer.Length)
            {
                if (length > ObjectiveParser.MaxFileBytes)
                {
                    throw new ObjectiveException($"The objective file '{path}' has more than {ObjectiveParser.MaxFileBytes} bytes, the most an objective file may have (1 MiB).");
                }

                Array.Resize(ref buffer, (int)Math.Min(buffer.Length * 2L, ObjectiveParser.MaxFileBytes + 1L));
            }

            int read = stream.Read(buffer, length, buffer.Length - length);
            if (read == 0)
            {
                return (buffer, length);
            }

            length += read;
        }
    }

    private static string Decode(ReadOnlySpan<byte> bytes, string path)
    {
        ReadOnlySpan<byte> text = bytes.StartsWith(Encoding.UTF8.Preamble) ? bytes[Encoding.UTF8.Preamble.Length..] : bytes;
        if (Utf8.IsValid(text))
        {
            return Encoding.UTF8.GetString(text);
        }

        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) || bytes.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            throw new ObjectiveException($"The objective file '{path}' is UTF-16 text (it starts with a UTF-16 byte order mark). Save it as UTF-8.");
        }

        int offset = bytes.Length - text.Length;
        while (Rune.DecodeFromUtf8(bytes[offset..], out _, out int used) == OperationStatus.Done)
        {
            offset += used;
        }

        int line = bytes[..offset].Count((byte)'\n') + 1;
        throw new ObjectiveException($"The objective file '{path}' is not UTF-8 text: the byte at offset {offset} (0x{bytes[offset]:X2}), on line {line}, is not part of a UTF-8 character. Save it as UTF-8.");
    }
}
