using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using StreamJsonRpc;

using TeamBot.Agents.Tools;

namespace TeamBot.Agents.Copilot;

/// <summary>
/// An agent that drives the GitHub Copilot CLI (the <c>@github/copilot</c> npm package) over its JSON-RPC server mode,
/// as GitHub's Copilot SDKs do. One CLI process serves the whole team; each agent id gets one Copilot session, opened
/// with its persona and kept across stages. Prompts come from <see cref="PromptBuilder"/>; the answer streams in as
/// <see cref="AgentActivityKind.Text"/> activity and the CLI's own tool calls are reported and returned.
/// </summary>
/// <remarks>
/// The MCP servers of <see cref="CopilotAgentOptions.McpServers"/> are given to every session, and the CLI starts
/// them; each call may use only the MCP tools its stage grants, held at the CLI's permission prompts.
/// </remarks>
public sealed class CopilotAgent : IStageAgent, IAsyncDisposable
{
    private const string ClientName = "teambot";

    private readonly CopilotConnection _connection;
    private readonly CopilotAgentOptions _options;
    private readonly Dictionary<string, CopilotConversation> _conversations = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _opening = new(1, 1);
    private Exception? _broken;

    private CopilotAgent(CopilotConnection connection, CopilotAgentOptions options)
    {
        _connection = connection;
        _options = options;
        _connection.Disconnected += OnDisconnected;
    }

    /// <summary>Starts the Copilot CLI and checks that it answers and is signed in.</summary>
    /// <exception cref="ArgumentException">The <c>copilot</c> executable is missing or cannot be started.</exception>
    /// <exception cref="InvalidOperationException">The CLI does not answer, speaks an older protocol, or is not signed in.</exception>
    public static async Task<CopilotAgent> StartAsync(CopilotAgentOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new CopilotAgentOptions();
        CopilotConnection connection = await CopilotConnection.StartAsync(options, cancellationToken).ConfigureAwait(false);
        return new CopilotAgent(connection, options);
    }

    /// <inheritdoc/>
    /// <remarks>When <paramref name="cancellationToken"/> fires, the session's turn is aborted (<c>session.abort</c>) before the call throws.</remarks>
    public async Task<AgentResponse> RunAsync(AgentRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        CopilotConversation conversation = await ConversationAsync(request, cancellationToken).ConfigureAwait(false);
        await conversation.Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var turn = new CopilotTurn(request.Activity, CopilotPermissions.For(request, _options.ApprovedPermissions), Activity.Current?.Context ?? default);
            conversation.Current = turn;
            if (_broken is { } broken)
            {
                turn.Fail(broken);
            }

            try
            {
                await _connection.InvokeAsync<SessionSendRequest, SessionSendResult>("session.send", new SessionSendRequest(conversation.SessionId, AnswerReader.Prompt(request)), CopilotJsonContext.Default.SessionSendRequest, cancellationToken).ConfigureAwait(false);
                await turn.Done.WaitAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                await AbortAsync(conversation, turn).ConfigureAwait(false);
                throw;
            }

            return AnswerReader.Response(request, turn.Answer, turn.ToolCalls);
        }
        finally
        {
            conversation.Current = null;
            conversation.Gate.Release();
        }
    }

    /// <summary>Stops the CLI process; its sessions end with it.</summary>
    public async ValueTask DisposeAsync()
    {
        _connection.Disconnected -= OnDisconnected;
        await _connection.DisposeAsync().ConfigureAwait(false);
        _opening.Dispose();
    }

    private async Task<CopilotConversation> ConversationAsync(AgentRequest request, CancellationToken cancellationToken)
    {
        await _opening.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            lock (_conversations)
            {
                if (_conversations.TryGetValue(request.AgentId, out CopilotConversation? existing))
                {
                    return existing;
                }
            }

            SessionCreateResult created = await _connection.InvokeAsync<SessionCreateRequest, SessionCreateResult>(
                "session.create",
                new SessionCreateRequest
                {
                    ClientName = ClientName,
                    Model = _options.Model,
                    SystemMessage = new SystemMessageConfig("append", Personas.For(request.AgentId, request.Context.WorkingDirectory)),
                    AvailableTools = _options.AllowedTools,
                    ExcludedTools = _options.DeniedTools,
                    WorkingDirectory = request.Context.WorkingDirectory,
                    McpServers = CopilotMcpServers.For(_options.McpServers, request.Context.WorkingDirectory),
                },
                CopilotJsonContext.Default.SessionCreateRequest,
                cancellationToken).ConfigureAwait(false);
            var conversation = new CopilotConversation(created.SessionId);
            _connection.Listen(created.SessionId, @event => OnEvent(conversation, @event));
            lock (_conversations)
            {
                _conversations.Add(request.AgentId, conversation);
            }

            return conversation;
        }
        finally
        {
            _opening.Release();
        }
    }

    private void OnEvent(CopilotConversation conversation, CopilotSessionEvent @event)
    {
        if (conversation.Current?.On(@event) is { } permission)
        {
            // Answered off the event loop: the loop must go on reading while the answer is sent.
            _ = AnswerPermissionAsync(conversation.SessionId, permission.RequestId, permission.Decision);
        }
    }

    private async Task AnswerPermissionAsync(string sessionId, string requestId, PermissionDecision decision)
    {
        try
        {
            await _connection.InvokeAsync<PermissionDecisionRequest, JsonElement>("session.permissions.handlePendingPermissionRequest", new PermissionDecisionRequest(sessionId, requestId, decision), CopilotJsonContext.Default.PermissionDecisionRequest, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is RemoteRpcException or ConnectionLostException or ObjectDisposedException)
        {
            // The prompt was resolved elsewhere or the CLI is gone; the turn's own events say what happened.
        }
    }

    /// <summary>Asks the CLI to stop the session's turn, and waits (a bounded time) for it to go idle, so no late event reaches the next turn.</summary>
    private async Task AbortAsync(CopilotConversation conversation, CopilotTurn turn)
    {
        using var limit = new CancellationTokenSource(_options.AbortTimeout);
        try
        {
            await _connection.InvokeAsync<SessionRequest, JsonElement>("session.abort", new SessionRequest(conversation.SessionId), CopilotJsonContext.Default.SessionRequest, limit.Token).ConfigureAwait(false);
            await turn.Done.WaitAsync(limit.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is OperationCanceledException or RemoteRpcException or ConnectionLostException or ObjectDisposedException or InvalidOperationException)
        {
            // The caller cancelled; an abort the CLI could not confirm changes nothing about that.
        }
    }

    private void OnDisconnected(Exception error)
    {
        _broken = error;
        lock (_conversations)
        {
            foreach (CopilotConversation conversation in _conversations.Values)
            {
                conversation.Current?.Fail(error);
            }
        }
    }
}
