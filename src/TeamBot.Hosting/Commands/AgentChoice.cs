using System;
using System.Collections.Generic;
using System.CommandLine;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using TeamBot.Agents;
using TeamBot.Agents.Copilot;
using TeamBot.Agents.Mcp;

namespace TeamBot.Hosting.Commands;

/// <summary>
/// The options that choose the agents (<c>--agent</c>, <c>--model</c>, <c>--endpoint</c>, <c>--api-key-variable</c>,
/// <c>--copilot-path</c>, <c>--mcp-config</c>), shared by every command that runs agents.
/// </summary>
internal sealed class AgentChoice
{
    public Option<string> Agent { get; } = CommonOptions.Agent();

    public Option<string?> Model { get; } = CommonOptions.Model();

    public Option<string?> Endpoint { get; } = CommonOptions.Endpoint();

    public Option<string> ApiKeyVariable { get; } = CommonOptions.ApiKeyVariable();

    public Option<string?> CopilotPath { get; } = CommonOptions.CopilotPath();

    public Option<string?> McpConfig { get; } = CommonOptions.McpConfig();

    public void AddTo(Command command)
    {
        command.Options.Add(Agent);
        command.Options.Add(Model);
        command.Options.Add(Endpoint);
        command.Options.Add(ApiKeyVariable);
        command.Options.Add(CopilotPath);
        command.Options.Add(McpConfig);
    }

    /// <summary>Whether the built-in offline agent is chosen (no <c>--agent</c>, or <c>--agent offline</c>).</summary>
    public bool IsOffline(ParseResult parse) => parse.GetValue(Agent) is not ("openai" or "copilot");

    /// <summary>
    /// The agent chosen: an LLM through Microsoft.Extensions.AI, the GitHub Copilot CLI (started here, in
    /// <paramref name="workingDirectory"/>), or <paramref name="offline"/>. The caller disposes an agent that is
    /// <see cref="IAsyncDisposable"/>.
    /// </summary>
    /// <exception cref="ArgumentException">The agent's settings are missing or invalid (no API key, no <c>copilot</c> executable, an unreadable <c>--mcp-config</c> file).</exception>
    /// <exception cref="InvalidOperationException">The Copilot CLI did not start or is not signed in.</exception>
    public async Task<IStageAgent> CreateAsync(ParseResult parse, IStageAgent offline, string workingDirectory, ChatClientAgentOptions? chat, CancellationToken cancellationToken) =>
        parse.GetValue(Agent) switch
        {
            "openai" => AgentSetup.OpenAi(parse.GetValue(Model), parse.GetValue(Endpoint), parse.GetValue(ApiKeyVariable)!, WithMcpServers(parse, workingDirectory, chat)),
            "copilot" => await CopilotAgent.StartAsync(
                new CopilotAgentOptions { CliPath = parse.GetValue(CopilotPath), Model = parse.GetValue(Model), WorkingDirectory = workingDirectory, McpServers = McpServers(parse, workingDirectory) ?? [] },
                cancellationToken).ConfigureAwait(false),
            _ => offline,
        };

    /// <summary><paramref name="chat"/> with the servers of the <c>--mcp-config</c> file, if one is given.</summary>
    private ChatClientAgentOptions? WithMcpServers(ParseResult parse, string workingDirectory, ChatClientAgentOptions? chat) =>
        McpServers(parse, workingDirectory) is { } servers ? (chat ?? new ChatClientAgentOptions()) with { McpServers = servers } : chat;

    /// <summary>The servers of the <c>--mcp-config</c> file (relative to <paramref name="workingDirectory"/>); <see langword="null"/> when none is given.</summary>
    /// <remarks>Read before any agent starts, so a bad file stops the command before the Copilot CLI is launched.</remarks>
    private IReadOnlyList<McpServer>? McpServers(ParseResult parse, string workingDirectory) =>
        parse.GetValue(McpConfig) is { } file ? McpConfigFile.Load(Path.GetFullPath(file, workingDirectory)) : null;
}
