using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using ModelContextProtocol.Client;

namespace TeamBot.Agents.Mcp;

/// <summary>
/// The MCP servers one agent may use: each is started the first time a call is granted one of its tools, and then
/// kept, with the tools it listed, until the agent is disposed.
/// </summary>
internal sealed class McpServerPool : IAsyncDisposable
{
    private readonly Dictionary<string, McpServer> _configured = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Task<Started>> _started = new(StringComparer.Ordinal);

    // Cancels starts still under way when the agent is disposed: a start is shared by every call that waits for it,
    // so no one call's token may cancel it.
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _gate = new();
    private bool _disposed;

    public McpServerPool(IEnumerable<McpServer> servers)
    {
        foreach (McpServer server in servers)
        {
            _configured[server.Name] = server;
        }
    }

    /// <summary>Gets the names of the servers configured, sorted.</summary>
    public IReadOnlyList<string> Names => [.. _configured.Keys.Order(StringComparer.Ordinal)];

    /// <summary>Whether a server named <paramref name="name"/> is configured.</summary>
    public bool IsConfigured(string name) => _configured.ContainsKey(name);

    /// <summary>The tools of the server <paramref name="name"/>, starting it if no call has yet.</summary>
    /// <exception cref="InvalidOperationException">The server did not start or did not list its tools.</exception>
    public async Task<IReadOnlyList<McpClientTool>> ToolsAsync(string name, CancellationToken cancellationToken)
    {
        Task<Started> start;
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (!_started.TryGetValue(name, out start!))
            {
                start = StartAsync(_configured[name], _stopping.Token);
                _started.Add(name, start);
            }
        }

        try
        {
            return (await start.WaitAsync(cancellationToken).ConfigureAwait(false)).Tools;
        }
        catch when (start.IsFaulted)
        {
            // A failed start is not kept: the next call that needs the server tries again.
            lock (_gate)
            {
                if (_started.TryGetValue(name, out Task<Started>? kept) && kept == start)
                {
                    _started.Remove(name);
                }
            }

            throw;
        }
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        Task<Started>[] started;
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            started = [.. _started.Values];
            _started.Clear();
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        foreach (Task<Started> start in started)
        {
            try
            {
                await (await start.ConfigureAwait(false)).Client.DisposeAsync().ConfigureAwait(false);
            }
#pragma warning disable CA1031 // A server that failed to start or to stop must not keep the others running.
            catch (Exception)
#pragma warning restore CA1031
            {
            }
        }

        _stopping.Dispose();
    }

    private static async Task<Started> StartAsync(McpServer server, CancellationToken cancellationToken)
    {
        var transport = new StdioClientTransport(new StdioClientTransportOptions
        {
            Name = server.Name,
            Command = server.Command,
            Arguments = [.. server.Arguments],
            EnvironmentVariables = server.Environment?.ToDictionary(pair => pair.Key, pair => (string?)pair.Value, StringComparer.Ordinal),
        });
        McpClient client;
        try
        {
            client = await McpClient.CreateAsync(transport, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            throw new InvalidOperationException($"The MCP server '{server.Name}' did not start ({Shown(server)}): {ex.Message}", ex);
        }

        try
        {
            IList<McpClientTool> tools = await client.ListToolsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            return new Started(client, [.. tools]);
        }
        catch (Exception ex)
        {
            await client.DisposeAsync().ConfigureAwait(false);
            if (ex is OperationCanceledException)
            {
                throw;
            }

            throw new InvalidOperationException($"The MCP server '{server.Name}' did not list its tools ({Shown(server)}): {ex.Message}", ex);
        }
    }

    private static string Shown(McpServer server) => string.Join(' ', [server.Command, .. server.Arguments]);

    private sealed record Started(McpClient Client, IReadOnlyList<McpClientTool> Tools);
}
