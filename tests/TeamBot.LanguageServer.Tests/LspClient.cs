using System;
using System.Collections.Concurrent;
using System.Globalization;
using System.IO;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;

namespace TeamBot.LanguageServer.Tests;

/// <summary>
/// A language client written from the protocol, not from the server's library: Content-Length framed JSON-RPC over a
/// pair of streams, requests matched to answers by id, notifications queued in order.
/// </summary>
internal sealed class LspClient : IAsyncDisposable
{
    private static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(60);

    private readonly Stream _toServer;
    private readonly Stream _fromServer;
    private readonly ConcurrentDictionary<int, TaskCompletionSource<JsonNode>> _pending = new();
    private readonly Channel<JsonNode> _notifications = Channel.CreateUnbounded<JsonNode>();
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly Task _reader;
    private int _nextId;

    public LspClient(Stream toServer, Stream fromServer)
    {
        _toServer = toServer;
        _fromServer = fromServer;
        _reader = Task.Run(ReadLoopAsync);
    }

    /// <summary>Sends a request and returns its <c>result</c>; fails on an error answer.</summary>
    public async Task<JsonNode?> RequestAsync(string method, JsonNode? parameters)
    {
        JsonObject answer = await RequestRawAsync(method, parameters);
        Assert.False(answer.ContainsKey("error"), $"{method} answered with an error: {answer["error"]?.ToJsonString()}");
        return answer["result"];
    }

    /// <summary>Sends a request and returns the whole answer, error or result.</summary>
    public async Task<JsonObject> RequestRawAsync(string method, JsonNode? parameters)
    {
        int id = Interlocked.Increment(ref _nextId);
        var answer = new TaskCompletionSource<JsonNode>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[id] = answer;
        var message = new JsonObject { ["jsonrpc"] = "2.0", ["id"] = id, ["method"] = method };
        if (parameters is not null)
        {
            message["params"] = parameters.DeepClone();
        }

        await WriteAsync(message);
        return (JsonObject)await answer.Task.WaitAsync(HangGuard);
    }

    public Task NotifyAsync(string method, JsonNode? parameters)
    {
        var message = new JsonObject { ["jsonrpc"] = "2.0", ["method"] = method };
        if (parameters is not null)
        {
            message["params"] = parameters.DeepClone();
        }

        return WriteAsync(message);
    }

    /// <summary>Waits for the next notification of <paramref name="method"/>, skipping others (log messages and the like).</summary>
    public async Task<JsonNode> NextNotificationAsync(string method)
    {
        using var guard = new CancellationTokenSource(HangGuard);
        while (true)
        {
            JsonNode notification = await _notifications.Reader.ReadAsync(guard.Token);
            if ((string?)notification["method"] == method)
            {
                return notification["params"]!;
            }
        }
    }

    /// <summary>Writes raw bytes, for tests of broken framing.</summary>
    public async Task WriteRawAsync(byte[] bytes)
    {
        await _writeLock.WaitAsync();
        try
        {
            await _toServer.WriteAsync(bytes);
            await _toServer.FlushAsync();
        }
        finally
        {
            _writeLock.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _toServer.DisposeAsync();
        try
        {
            await _reader.WaitAsync(TimeSpan.FromSeconds(10));
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException or InvalidOperationException or TimeoutException)
        {
            // The server went away first: nothing more to read.
        }

        _writeLock.Dispose();
    }

    private async Task WriteAsync(JsonObject message)
    {
        byte[] body = Encoding.UTF8.GetBytes(message.ToJsonString());
        byte[] header = Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture, $"Content-Length: {body.Length}\r\n\r\n"));
        byte[] framed = new byte[header.Length + body.Length];
        header.CopyTo(framed, 0);
        body.CopyTo(framed, header.Length);
        await WriteRawAsync(framed);
    }

    private async Task ReadLoopAsync()
    {
        try
        {
            while (await ReadMessageAsync() is { } message)
            {
                if (message["id"] is { } id && message["method"] is null)
                {
                    if (_pending.TryRemove((int)id, out TaskCompletionSource<JsonNode>? answer))
                    {
                        answer.TrySetResult(message);
                    }
                }
                else
                {
                    await _notifications.Writer.WriteAsync(message);
                }
            }
        }
        finally
        {
            _notifications.Writer.TryComplete();
            foreach (TaskCompletionSource<JsonNode> answer in _pending.Values)
            {
                answer.TrySetException(new IOException("The server closed the connection."));
            }
        }
    }

    private async Task<JsonNode?> ReadMessageAsync()
    {
        int length = -1;
        while (true)
        {
            string? line = await ReadHeaderLineAsync();
            if (line is null)
            {
                return null;
            }

            if (line.Length == 0)
            {
                break;
            }

            int colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0 && line[..colon].Trim().Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
            {
                length = int.Parse(line[(colon + 1)..].Trim(), CultureInfo.InvariantCulture);
            }
        }

        Assert.True(length >= 0, "A message came without a Content-Length header.");
        byte[] body = new byte[length];
        await _fromServer.ReadExactlyAsync(body);
        return JsonNode.Parse(body);
    }

    private async Task<string?> ReadHeaderLineAsync()
    {
        var line = new StringBuilder();
        byte[] one = new byte[1];
        while (true)
        {
            if (await _fromServer.ReadAsync(one) == 0)
            {
                return null;
            }

            if (one[0] == '\n')
            {
                return line.ToString().TrimEnd('\r');
            }

            line.Append((char)one[0]);
        }
    }
}
