using System;
using System.Globalization;
using System.IO;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;

namespace TeamBot.Benchmarks;

/// <summary>
/// The client's end of an LSP session, written from the protocol: Content-Length framed JSON-RPC messages, written whole
/// and read one at a time through a buffer. Enough for one caller that sends and then waits for what it expects.
/// </summary>
internal sealed class LspFrames(Stream toServer, Stream fromServer)
{
    private readonly byte[] _buffer = new byte[64 * 1024];
    private int _start;
    private int _end;

    /// <summary>Frames <paramref name="json"/> and writes it in one write.</summary>
    public async Task SendAsync(string json)
    {
        int bodyLength = Encoding.UTF8.GetByteCount(json);
        string header = string.Create(CultureInfo.InvariantCulture, $"Content-Length: {bodyLength}\r\n\r\n");
        byte[] framed = new byte[header.Length + bodyLength];
        Encoding.ASCII.GetBytes(header, framed);
        Encoding.UTF8.GetBytes(json, framed.AsSpan(header.Length));
        await toServer.WriteAsync(framed);
        await toServer.FlushAsync();
    }

    /// <summary>Reads the next message; throws if the stream ends or the headers have no Content-Length.</summary>
    public async Task<JsonDocument> ReceiveAsync()
    {
        int length = -1;
        while (await ReadHeaderLineAsync() is { Length: > 0 } line)
        {
            int colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0 && line[..colon].Trim().Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
            {
                length = int.Parse(line[(colon + 1)..].Trim(), CultureInfo.InvariantCulture);
            }
        }

        if (length < 0)
        {
            throw new InvalidDataException("A message came without a Content-Length header.");
        }

        byte[] body = new byte[length];
        int buffered = Math.Min(length, _end - _start);
        Array.Copy(_buffer, _start, body, 0, buffered);
        _start += buffered;
        if (buffered < length)
        {
            await fromServer.ReadExactlyAsync(body.AsMemory(buffered));
        }

        return JsonDocument.Parse(body);
    }

    private async Task<string> ReadHeaderLineAsync()
    {
        while (true)
        {
            int newline = Array.IndexOf(_buffer, (byte)'\n', _start, _end - _start);
            if (newline >= 0)
            {
                string line = Encoding.ASCII.GetString(_buffer, _start, newline - _start).TrimEnd('\r');
                _start = newline + 1;
                return line;
            }

            // Keep the partial line at the front and fill the rest of the buffer.
            Array.Copy(_buffer, _start, _buffer, 0, _end - _start);
            _end -= _start;
            _start = 0;
            if (_end == _buffer.Length)
            {
                throw new InvalidDataException("A header line is longer than the buffer.");
            }

            int read = await fromServer.ReadAsync(_buffer.AsMemory(_end));
            if (read == 0)
            {
                throw new EndOfStreamException("The server closed the connection.");
            }

            _end += read;
        }
    }
}
