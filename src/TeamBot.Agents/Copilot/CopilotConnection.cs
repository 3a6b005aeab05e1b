using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.ComponentModel;
using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.IO;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Threading;
using System.Threading.Tasks;
using StreamJsonRpc;
using NonConcurrentSynchronizationContext = Microsoft.VisualStudio.Threading.NonConcurrentSynchronizationContext;

namespace TeamBot.Agents.Copilot;

/// <summary>
/// One Copilot CLI process in its server mode (<c>copilot --headless --no-auto-update --stdio</c>) and the JSON-RPC
/// connection over its standard input and output, Content-Length framed. Session events arrive as
/// <c>session.event</c> notifications and go to the listener of their session.
/// </summary>
internal sealed class CopilotConnection : IAsyncDisposable
{
    /// <summary>The oldest protocol whose events (permission prompts as events, abort, idle) this client reads.</summary>
    private const int MinimumProtocolVersion = 3;

    private readonly Process _process;
    private readonly JsonRpc _rpc;
    private readonly ConcurrentDictionary<string, Action<CopilotSessionEvent>> _listeners = new(StringComparer.Ordinal);
    private readonly StandardErrorTail _stderr;

    private CopilotConnection(Process process, StandardErrorTail stderr)
    {
        _process = process;
        _stderr = stderr;
        _rpc = new JsonRpc(new HeaderDelimitedMessageHandler(process.StandardInput.BaseStream, process.StandardOutput.BaseStream, Formatter()));
        // One notification at a time, in the order they came: deltas must be appended in order.
        _rpc.SynchronizationContext = new NonConcurrentSynchronizationContext(sticky: false);
        _rpc.AddLocalRpcMethod("session.event", new Action<string, JsonElement>(OnSessionEvent));
        _rpc.Disconnected += (_, _) => Disconnected?.Invoke(new InvalidOperationException($"The GitHub Copilot CLI stopped answering.{_stderr.Describe()}"));
        _rpc.StartListening();
    }

    /// <summary>Raised once when the CLI exits or its connection breaks, with the error for the calls under way.</summary>
    public event Action<Exception>? Disconnected;

    /// <summary>Starts the CLI and checks that it speaks the protocol and is signed in.</summary>
    /// <exception cref="ArgumentException">The executable is missing or cannot be started.</exception>
    /// <exception cref="InvalidOperationException">The CLI does not answer, speaks another protocol, or is not signed in.</exception>
    public static async Task<CopilotConnection> StartAsync(CopilotAgentOptions options, CancellationToken cancellationToken)
    {
        string cli = CopilotCliLocator.Find(options.CliPath);
        var start = new ProcessStartInfo
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            CreateNoWindow = true,
            WorkingDirectory = options.WorkingDirectory ?? Environment.CurrentDirectory,
        };

        // The npm package's entry point is a script: run it with node, as npm's own shim does.
        if (cli.EndsWith(".js", StringComparison.OrdinalIgnoreCase))
        {
            start.FileName = "node";
            start.ArgumentList.Add(cli);
        }
        else
        {
            start.FileName = cli;
        }

        foreach (string argument in (string[])["--headless", "--no-auto-update", "--stdio"])
        {
            start.ArgumentList.Add(argument);
        }

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new ArgumentException($"The GitHub Copilot CLI '{cli}' could not be started: {CopilotCliLocator.InstallHint}.", nameof(options));
        }
        catch (Win32Exception ex)
        {
            throw new ArgumentException($"The GitHub Copilot CLI '{cli}' could not be started ({ex.Message}): {CopilotCliLocator.InstallHint}.", nameof(options), ex);
        }

        var connection = new CopilotConnection(process, new StandardErrorTail(process));
        try
        {
            await connection.CheckAsync(cli, options.StartTimeout, cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Sends a request whose params object is <paramref name="request"/> and reads its result.</summary>
    public Task<TResult> InvokeAsync<TRequest, TResult>(string method, TRequest request, JsonTypeInfo<TRequest> requestType, CancellationToken cancellationToken)
    {
        // Serialized by the source-generated context (camelCase, nulls left out), then handed over as named arguments:
        // StreamJsonRpc then writes them as the params object without reflecting over the request.
        JsonElement json = JsonSerializer.SerializeToElement(request, requestType);
        var arguments = new Dictionary<string, object?>(StringComparer.Ordinal);
        var types = new Dictionary<string, Type>(StringComparer.Ordinal);
        foreach (JsonProperty property in json.EnumerateObject())
        {
            arguments[property.Name] = property.Value;
            types[property.Name] = typeof(JsonElement);
        }

        return _rpc.InvokeWithParameterObjectAsync<TResult>(method, arguments, types, cancellationToken);
    }

    /// <summary>Routes the events of <paramref name="sessionId"/> to <paramref name="listener"/>.</summary>
    public void Listen(string sessionId, Action<CopilotSessionEvent> listener) => _listeners[sessionId] = listener;

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        _rpc.Dispose();
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }

            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await _process.WaitForExitAsync(wait.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is InvalidOperationException or Win32Exception or OperationCanceledException)
        {
            // Already gone, or not stopping: nothing more this process can do about it.
        }

        _process.Dispose();
    }

    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = "Params and results are serialized by CopilotJsonContext (source-generated); no RPC target object is marshaled. Not checked under NativeAOT publishing.")]
    [UnconditionalSuppressMessage("AOT", "IL3050", Justification = "As for IL2026.")]
    private static SystemTextJsonFormatter Formatter() => new() { JsonSerializerOptions = new JsonSerializerOptions(CopilotJsonContext.Default.Options) };

    private async Task CheckAsync(string cli, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);
        try
        {
            PingResult ping = await InvokeAsync<PingRequest, PingResult>("ping", new PingRequest("teambot"), CopilotJsonContext.Default.PingRequest, limit.Token).ConfigureAwait(false);
            if (ping.ProtocolVersion is not { } version || version < MinimumProtocolVersion)
            {
                throw new InvalidOperationException($"The GitHub Copilot CLI '{cli}' speaks protocol {ping.ProtocolVersion?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "(none)"}; TeamBot needs {MinimumProtocolVersion} or later: update it with `npm install -g @github/copilot`.");
            }

            // auth.getStatus takes an empty params object, as the SDKs send it.
            AuthStatus auth = await _rpc.InvokeWithParameterObjectAsync<AuthStatus>("auth.getStatus", new Dictionary<string, object?>(), null, limit.Token).ConfigureAwait(false);
            if (!auth.IsAuthenticated)
            {
                throw new InvalidOperationException($"The GitHub Copilot CLI is not signed in{(auth.StatusMessage is { Length: > 0 } status ? $" ({status})" : "")}: run `copilot` and `/login`, then try again.");
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new InvalidOperationException($"The GitHub Copilot CLI '{cli}' did not answer within {timeout.TotalSeconds:0} s.{_stderr.Describe()}");
        }
        catch (Exception ex) when (ex is ConnectionLostException or RemoteRpcException or IOException)
        {
            throw new InvalidOperationException($"The GitHub Copilot CLI '{cli}' did not start its server: {ex.Message}{_stderr.Describe()}", ex);
        }
    }

    private void OnSessionEvent(string sessionId, JsonElement @event)
    {
        if (_listeners.TryGetValue(sessionId, out Action<CopilotSessionEvent>? listener)
            && @event.ValueKind == JsonValueKind.Object
            && @event.TryGetProperty("type", out JsonElement type)
            && type.ValueKind == JsonValueKind.String)
        {
            listener(new CopilotSessionEvent(type.GetString()!, @event.TryGetProperty("data", out JsonElement data) ? data.Clone() : default));
        }
    }
}
