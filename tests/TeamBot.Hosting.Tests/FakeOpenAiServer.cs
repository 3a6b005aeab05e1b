using System;
using System.Collections.Concurrent;
using System.Linq;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using TeamBot.Tests.Support;

namespace TeamBot.Hosting.Tests;

/// <summary>
/// A small HTTP server on loopback that speaks the OpenAI chat-completions protocol, plain and streamed (server-sent
/// events), and answers like a cooperative team: artifacts in the requested sections, approvals, passing scenarios.
/// </summary>
internal sealed partial class FakeOpenAiServer : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Task _loop;
    private int _failuresLeft;

    public FakeOpenAiServer(int transientFailures = 0)
    {
        _failuresLeft = transientFailures;
        int port = TestSupport.FreePort();
        Endpoint = $"http://127.0.0.1:{port}/v1";
        _listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        _listener.Start();
        _loop = Task.Run(ServeAsync);
    }

    public string Endpoint { get; }

    public ConcurrentQueue<JsonNode> Requests { get; } = new();

    public int Failures { get; private set; }

    /// <summary>Gets the tokens the server reported over all its answers (a model's usage, about four characters a token).</summary>
    public long ReportedTokens => Interlocked.Read(ref _reportedTokens);

    private long _reportedTokens;

    /// <summary>
    /// Gets the tool calls to answer a prompt with, before its answer (null or none: answer at once). Once the tools'
    /// results are back, the server answers the prompt as usual, after a line listing the results.
    /// </summary>
    public Func<string, (string Name, string Arguments)[]?>? ToolCallsFor { get; init; }

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        _listener.Close();
        try
        {
            await _loop;
        }
        catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException)
        {
            // Stopping the listener ends the loop this way.
        }
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            _ = Task.Run(() => HandleAsync(context));
        }
    }

    private async Task HandleAsync(HttpListenerContext context)
    {
        using var reader = new System.IO.StreamReader(context.Request.InputStream, Encoding.UTF8);
        JsonNode request = JsonNode.Parse(await reader.ReadToEndAsync())!;
        Requests.Enqueue(request);
        if (Interlocked.Decrement(ref _failuresLeft) >= 0)
        {
            Failures++;
            context.Response.StatusCode = 500;
            await WriteAsync(context, "{\"error\":{\"message\":\"transient\",\"type\":\"server_error\"}}");
            return;
        }

        JsonArray messages = request["messages"]!.AsArray();
        string prompt = messages.Last(message => message!["role"]!.GetValue<string>() == "user")!["content"]!.GetValue<string>();
        string[] toolResults = messages.SkipWhile(message => message!["role"]!.GetValue<string>() != "user" || message["content"]!.GetValue<string>() != prompt)
            .Where(message => message!["role"]!.GetValue<string>() == "tool").Select(message => message!["content"]!.GetValue<string>()).ToArray();
        if (toolResults.Length == 0 && (ToolCallsFor?.Invoke(prompt) ?? TestRun(request, prompt)) is { Length: > 0 } calls && request["stream"]?.GetValue<bool>() == true)
        {
            context.Response.ContentType = "text/event-stream";
            var toolEvents = new StringBuilder();
            var toolCalls = new JsonArray();
            for (int i = 0; i < calls.Length; i++)
            {
                toolCalls.Add(new JsonObject { ["index"] = i, ["id"] = $"call_{i}", ["type"] = "function", ["function"] = new JsonObject { ["name"] = calls[i].Name, ["arguments"] = calls[i].Arguments } });
            }

            toolEvents.Append("data: ").Append(JsonSerializer.Serialize(new JsonObject
            {
                ["id"] = "chatcmpl-1",
                ["object"] = "chat.completion.chunk",
                ["created"] = 1,
                ["model"] = "fake",
                ["choices"] = new JsonArray(new JsonObject { ["index"] = 0, ["delta"] = new JsonObject { ["role"] = "assistant", ["tool_calls"] = toolCalls }, ["finish_reason"] = null }),
            })).Append("\n\n");
            toolEvents.Append("data: ").Append(Chunk("", "tool_calls")).Append("\n\n").Append("data: ").Append(UsageChunk(request, string.Join("", calls.Select(call => call.Arguments)))).Append("\n\n").Append("data: [DONE]\n\n");
            await WriteAsync(context, toolEvents.ToString());
            return;
        }

        string answer = (toolResults.Length == 0 ? "" : $"Tool results: {string.Join(" | ", toolResults)}\n\n") + CooperativeAnswers.For(prompt, "the model");
        if (request["stream"]?.GetValue<bool>() == true)
        {
            context.Response.ContentType = "text/event-stream";
            var events = new StringBuilder();
            foreach (string piece in Chunks(answer))
            {
                events.Append("data: ").Append(Chunk(piece, null)).Append("\n\n");
            }

            events.Append("data: ").Append(Chunk("", "stop")).Append("\n\n").Append("data: ").Append(UsageChunk(request, answer)).Append("\n\n").Append("data: [DONE]\n\n");
            await WriteAsync(context, events.ToString());
        }
        else
        {
            context.Response.ContentType = "application/json";
            await WriteAsync(context, JsonSerializer.Serialize(new JsonObject
            {
                ["id"] = "chatcmpl-1",
                ["object"] = "chat.completion",
                ["created"] = 1,
                ["model"] = "fake",
                ["choices"] = new JsonArray(new JsonObject { ["index"] = 0, ["message"] = new JsonObject { ["role"] = "assistant", ["content"] = answer }, ["finish_reason"] = "stop" }),
                ["usage"] = new JsonObject { ["prompt_tokens"] = 1, ["completion_tokens"] = 1, ["total_tokens"] = 2 },
            }));
        }
    }

    /// <summary>The last chunk of a stream, as OpenAI sends it when asked to include usage: no choices, the request's tokens.</summary>
    private string UsageChunk(JsonNode request, string answer)
    {
        long prompt = (request["messages"]!.ToJsonString().Length + 3) / 4;
        long completion = (answer.Length + 3) / 4;
        Interlocked.Add(ref _reportedTokens, prompt + completion);
        return JsonSerializer.Serialize(new JsonObject
        {
            ["id"] = "chatcmpl-1",
            ["object"] = "chat.completion.chunk",
            ["created"] = 1,
            ["model"] = "fake",
            ["choices"] = new JsonArray(),
            ["usage"] = new JsonObject { ["prompt_tokens"] = prompt, ["completion_tokens"] = completion, ["total_tokens"] = prompt + completion },
        });
    }

    private static string Chunk(string text, string? finish) => JsonSerializer.Serialize(new JsonObject
    {
        ["id"] = "chatcmpl-1",
        ["object"] = "chat.completion.chunk",
        ["created"] = 1,
        ["model"] = "fake",
        ["choices"] = new JsonArray(new JsonObject { ["index"] = 0, ["delta"] = new JsonObject { ["content"] = text }, ["finish_reason"] = finish }),
    });

    private static string[] Chunks(string text) =>
        Enumerable.Range(0, (text.Length + 39) / 40).Select(i => text.Substring(i * 40, Math.Min(40, text.Length - (i * 40)))).ToArray();

    private static async Task WriteAsync(HttpListenerContext context, string body)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(body);
        await context.Response.OutputStream.WriteAsync(bytes);
        context.Response.Close();
    }

    /// <summary>A cooperative tester runs the tests before it reports on the scenarios, when it may run a command.</summary>
    private static (string Name, string Arguments)[]? TestRun(JsonNode request, string prompt) =>
        prompt.Contains("Execute each acceptance test scenario", StringComparison.Ordinal)
        && request["tools"]?.AsArray().Any(tool => tool!["function"]!["name"]!.GetValue<string>() == "run_command") == true
            ? [("run_command", """{"program":"dotnet","arguments":["--version"]}""")]
            : null;
}
