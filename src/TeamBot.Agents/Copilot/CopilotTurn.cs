using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics;
using System.Text;
using System.Threading.Tasks;
using TeamBot.Agents.Mcp;
using TeamBot.Rules;

namespace TeamBot.Agents.Copilot;

/// <summary>
/// One message sent to a session and what came back, read from the session's events until <c>session.idle</c>:
/// the answer from <c>assistant.message_delta</c> (or whole <c>assistant.message</c>) events, and the tool calls from
/// <c>tool.execution_start</c> / <c>tool.execution_complete</c>. Events come one at a time, in order. An MCP tool's
/// call is recorded as <c>mcp:&lt;server&gt;/&lt;tool&gt;</c>, as <see cref="ChatClientAgent"/> records it, so a
/// journal reads the same whichever agent ran.
/// </summary>
internal sealed class CopilotTurn(IProgress<AgentActivity>? activity, CopilotPermissions permissions, ActivityContext parentSpan)
{
    private const int SummaryLength = 200;

    private readonly StringBuilder _answer = new();
    private readonly HashSet<string> _streamedMessages = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (string Tool, string Arguments, DateTimeOffset Started)> _running = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _refused = new(StringComparer.Ordinal);
    private readonly List<ToolCall> _toolCalls = [];
    private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Gets a task that completes at <c>session.idle</c>, or fails at <c>session.error</c>.</summary>
    public Task Done => _done.Task;

    /// <summary>Gets the answer so far: every assistant message of the turn, in order.</summary>
    public string Answer => _answer.ToString();

    /// <summary>Gets the tool calls so far.</summary>
    public ImmutableArray<ToolCall> ToolCalls => [.. _toolCalls];

    /// <summary>Reads one event; returns the permission decision to send when the event is a permission prompt.</summary>
    public (string RequestId, PermissionDecision Decision)? On(CopilotSessionEvent @event)
    {
        switch (@event.Type)
        {
            case "assistant.message_delta" when @event.Text("deltaContent") is { } delta:
                if (@event.Text("messageId") is { } streamed && _streamedMessages.Add(streamed))
                {
                    Separate();
                }

                Append(delta);
                break;
            case "assistant.message" when @event.Text("content") is { Length: > 0 } content && (@event.Text("messageId") is not { } id || !_streamedMessages.Contains(id)):
                // Not streamed (the CLI sends deltas only when it streams): the whole message at once.
                Separate();
                Append(content);
                break;
            case "tool.execution_start" when @event.Text("toolCallId") is { } callId:
                _running[callId] = (McpName(@event, "mcpServerName", "mcpToolName") ?? @event.Text("toolName") ?? "tool", @event.Json("arguments") ?? "{}", DateTimeOffset.UtcNow);
                break;
            case "tool.execution_complete" when @event.Text("toolCallId") is { } callId:
                Completed(callId, @event);
                break;
            case "permission.requested":
                return Permission(@event);
            case "session.error":
                string message = @event.Text("message") ?? "unknown error";
                _done.TrySetException(new InvalidOperationException(@event.Text("errorType") == "authentication"
                    ? $"The GitHub Copilot CLI failed to authenticate ({message}): run `copilot` and `/login`, then try again."
                    : $"The GitHub Copilot CLI failed: {message}"));
                break;
            case "session.idle":
                _done.TrySetResult();
                break;
        }

        return null;
    }

    /// <summary>Ends the turn when the CLI is gone.</summary>
    public void Fail(Exception error) => _done.TrySetException(error);

    private void Append(string text)
    {
        _answer.Append(text);
        activity?.Report(new AgentActivity(AgentActivityKind.Text, text));
    }

    // A later message of the turn (after tool calls, say) starts on a line of its own, so an artifact marker that opens it stays at a line start.
    private void Separate()
    {
        if (_answer.Length > 0 && _answer[^1] != '\n')
        {
            Append("\n");
        }
    }

    private (string RequestId, PermissionDecision Decision)? Permission(CopilotSessionEvent @event)
    {
        if (@event.Flag("resolvedByHook") == true || @event.Text("requestId") is not { } requestId || @event.Part("permissionRequest") is not { } request)
        {
            return null;
        }

        string kind = request.Text("kind") ?? "unknown";
        string? mcpTool = kind == "mcp" ? McpName(request, "serverName", "toolName") : null;
        string? callId = request.Text("toolCallId");

        // The prompt always names the MCP server and tool; the call's start event may not (a CLI that predates mcpServerName).
        if (mcpTool is not null && callId is not null && _running.TryGetValue(callId, out var running))
        {
            _running[callId] = running with { Tool = mcpTool };
        }

        if (permissions.Refusal(request) is not { } reason)
        {
            return (requestId, new PermissionDecision("approve-once"));
        }

        if (callId is not null)
        {
            _refused[callId] = reason;
        }
        else
        {
            Record(mcpTool is null ? new ToolCall(kind, request.Data.GetRawText(), reason, Refused: true) : new ToolCall(mcpTool, request.Json("args") ?? "{}", reason, Refused: true));
        }

        return (requestId, new PermissionDecision("reject", reason));
    }

    private void Completed(string callId, CopilotSessionEvent @event)
    {
        (string tool, string arguments, DateTimeOffset startedAt) = _running.Remove(callId, out var started) ? started : (@event.Text("toolName") ?? "tool", "{}", DateTimeOffset.UtcNow);
        bool refused = _refused.Remove(callId, out string? reason);
        string summary = reason
            ?? (@event.Flag("success") == false
                ? "failed: " + (@event.Part("error")?.Text("message") ?? "no reason given")
                : @event.Part("result")?.Text("content") ?? "done");
        var call = new ToolCall(tool, arguments, OneLine(summary), refused);

        // The CLI ran the tool in its own process: its span is made from the two events, under the agent call's span.
        ToolSpans.End(ToolSpans.Start(tool, callId, parentSpan, startedAt), call);
        Record(call);
    }

    private void Record(ToolCall call)
    {
        _toolCalls.Add(call);
        activity?.Report(ToolActivity.Of(call));
    }

    /// <summary>The recorded name of the MCP tool an event names in its <paramref name="server"/> and <paramref name="tool"/> fields; <see langword="null"/> when it names none.</summary>
    private static string? McpName(CopilotSessionEvent @event, string server, string tool) =>
        @event.Text(server) is { } serverName && @event.Text(tool) is { } toolName ? McpGrants.ToolName(serverName, toolName) : null;

    private static string OneLine(string text)
    {
        string line = text.ReplaceLineEndings(" ").Trim();
        return line.Length <= SummaryLength ? line : line[..SummaryLength] + "…";
    }
}
