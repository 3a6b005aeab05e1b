using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;
using TeamBot.Agents;
using TeamBot.Agents.Mcp;
using TeamBot.Agents.Tools;
using TeamBot.Rules;

namespace TeamBot.Agents;

/// <summary>
/// An agent backed by an LLM through Microsoft.Extensions.AI's <see cref="IChatClient"/>. Each agent id keeps one
/// conversation across stages, opened with its persona; prompts come from <see cref="PromptBuilder"/>; answers stream
/// in, and transient failures (HTTP 429 and 5xx) are retried.
/// </summary>
/// <remarks>
/// The MCP servers of <see cref="ChatClientAgentOptions.McpServers"/> are started when a call is first granted one of
/// their tools, and stop when the agent is disposed.
/// </remarks>
public sealed class ChatClientAgent : IStageAgent, IAsyncDisposable
{
    private readonly IChatClient _client;

    // The same client, answering the model's tool calls: used when a call gets tools. Never disposed here: it only
    // delegates to the caller's client, which this agent does not own.
    private readonly IChatClient _withTools;
    private readonly McpServerPool _mcp;
    private readonly ChatClientAgentOptions _options;
    private readonly Dictionary<string, Conversation> _conversations = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    /// <summary>Initializes a new instance of the <see cref="ChatClientAgent"/> class.</summary>
    public ChatClientAgent(IChatClient client, ChatClientAgentOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        _client = client;
        _withTools = new FunctionInvokingChatClient(client);
        _options = options ?? new ChatClientAgentOptions();
        _mcp = new McpServerPool(_options.McpServers);
    }

    /// <summary>Stops the MCP servers this agent started.</summary>
    public ValueTask DisposeAsync() => _mcp.DisposeAsync();

    /// <inheritdoc/>
    public async Task<AgentResponse> RunAsync(AgentRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var grants = McpGrants.For(request);

        // Before anything starts: a stage that names a server no one configured fails at once, saying so.
        McpToolOffer.CheckConfigured(grants, _mcp, request);
        Conversation conversation = ConversationOf(request);

        // One agent answers one request at a time, so its conversation stays in order.
        await conversation.Turn.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var toolCalls = new List<ToolCall>();
            void Record(ToolCall call)
            {
                lock (toolCalls)
                {
                    toolCalls.Add(call);
                }

                request.Activity?.Report(ToolActivity.Of(call));
            }

            WorkspaceTools? workspace = _options.Workspace?.Invoke(request) is { } policy ? new WorkspaceTools(policy, Record) : null;
            IReadOnlyList<AIFunction> mcp = await McpToolOffer.FunctionsAsync(grants, _mcp, request, Record, cancellationToken).ConfigureAwait(false);
            IReadOnlyList<AIFunction>? tools = workspace is null && mcp.Count == 0 ? null : [.. workspace?.Functions ?? [], .. mcp];

            // Only once the tools are ready: a call that failed before asking leaves the conversation as it was.
            conversation.Messages.Add(new ChatMessage(ChatRole.User, AnswerReader.Prompt(request)));
            (string answer, UsageDetails? usage, string? model) = await AskAsync(request, conversation.Messages, tools, () => { lock (toolCalls) { return toolCalls.Count > 0; } }, cancellationToken).ConfigureAwait(false);
            conversation.Messages.Add(new ChatMessage(ChatRole.Assistant, answer));
            return AnswerReader.Response(request, answer, [.. toolCalls]) with { Usage = usage, ModelId = model ?? _options.ChatOptions?.ModelId };
        }
        finally
        {
            conversation.Turn.Release();
        }
    }

    /// <returns>The answer, the tokens of every request it took (a tool loop makes several) and the model that answered.</returns>
    private async Task<(string Answer, UsageDetails? Usage, string? Model)> AskAsync(AgentRequest request, List<ChatMessage> messages, IReadOnlyList<AIFunction>? tools, Func<bool> toolsRan, CancellationToken cancellationToken)
    {
        ChatOptions? chatOptions = _options.ChatOptions;
        if (tools is not null)
        {
            chatOptions = chatOptions?.Clone() ?? new ChatOptions();
            chatOptions.Tools = [.. chatOptions.Tools ?? [], .. tools];
        }

        // The stage's per-call limit bounds the answer; the prompt's share is the model's to report.
        if (request.Context.MaxTokensPerCall is { } limit && (chatOptions?.MaxOutputTokens ?? int.MaxValue) > limit)
        {
            chatOptions = chatOptions is null || tools is null ? chatOptions?.Clone() ?? new ChatOptions() : chatOptions;
            chatOptions.MaxOutputTokens = limit;
        }

        IChatClient client = tools is null ? _client : _withTools;
        for (int attempt = 1; ; attempt++)
        {
            try
            {
                var answer = new StringBuilder();
                UsageDetails? usage = null;
                string? model = null;
                await foreach (ChatResponseUpdate update in client.GetStreamingResponseAsync(messages, chatOptions, cancellationToken).ConfigureAwait(false))
                {
                    answer.Append(update.Text);
                    request.Activity?.Report(new AgentActivity(AgentActivityKind.Text, update.Text));
                    model = update.ModelId ?? model;
                    foreach (UsageContent content in update.Contents.OfType<UsageContent>())
                    {
                        usage ??= new UsageDetails();
                        usage.Add(content.Details);
                    }
                }

                return (answer.ToString(), usage, model);
            }
            // Not once a tool has run: asking again would start over on a workspace the first attempt already changed.
            catch (Exception ex) when (attempt < _options.MaxAttempts && IsTransient(ex) && !cancellationToken.IsCancellationRequested && !toolsRan())
            {
                await Task.Delay(_options.RetryDelay * attempt, _options.TimeProvider, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private static bool IsTransient(Exception ex) => ex switch
    {
        HttpRequestException { StatusCode: null } => true,
        HttpRequestException { StatusCode: { } status } => status == HttpStatusCode.TooManyRequests || (int)status >= 500,
        System.ClientModel.ClientResultException { Status: var status } => status == 429 || status >= 500 || status == 0,
        IOException => true,
        _ => false,
    };

    private Conversation ConversationOf(AgentRequest request)
    {
        lock (_gate)
        {
            if (!_conversations.TryGetValue(request.AgentId, out Conversation? conversation))
            {
                conversation = new Conversation();
                conversation.Messages.Add(new ChatMessage(ChatRole.System, Personas.For(request.AgentId, request.Context.WorkingDirectory)));
                _conversations.Add(request.AgentId, conversation);
            }

            return conversation;
        }
    }

    private sealed class Conversation
    {
        public List<ChatMessage> Messages { get; } = [];

        public SemaphoreSlim Turn { get; } = new(1, 1);
    }
}

/// <summary>How a <see cref="ChatClientAgent"/> talks to its model.</summary>
public sealed record ChatClientAgentOptions
{
    /// <summary>Gets the options of each chat request (model, temperature...).</summary>
    public ChatOptions? ChatOptions { get; init; }

    /// <summary>Gets how many times a request is tried before a transient failure fails the stage.</summary>
    public int MaxAttempts { get; init; } = 3;

    /// <summary>Gets the pause before a retry, multiplied by the attempt number.</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Gets the clock the retry pauses use.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>
    /// Gets what each call may do in the workspace: the tools it gets (<see cref="WorkspaceTools"/>) and their bounds.
    /// By default the stage's <c>permissions</c> in stages.yaml (<see cref="WorkspacePolicy.ForRequest"/>);
    /// <see langword="null"/>, or a function that returns <see langword="null"/> for a call: no tools.
    /// </summary>
    public Func<AgentRequest, WorkspacePolicy?>? Workspace { get; init; } = WorkspacePolicy.ForRequest;

    /// <summary>
    /// Gets the MCP servers whose tools a call may be offered: a stage's <c>permissions.tools</c> grants all of a
    /// server's tools with <c>mcp:&lt;server&gt;</c>, one with <c>mcp:&lt;server&gt;/&lt;tool&gt;</c>; a review gets
    /// none. The model sees each as <c>&lt;server&gt;__&lt;tool&gt;</c>. Each server is started over stdio the first
    /// time a call is granted one of its tools, and stops with the agent.
    /// </summary>
    public IReadOnlyList<McpServer> McpServers { get; init; } = [];
}
