using System;
using System.CommandLine;
using TeamBot.Agents;

namespace TeamBot.Hosting.Commands;

/// <summary>The options that choose the agents (<c>--agent</c>, <c>--model</c>, <c>--endpoint</c>, <c>--api-key-variable</c>), shared by every command that runs agents.</summary>
internal sealed class AgentChoice
{
    public Option<string> Agent { get; } = CommonOptions.Agent();

    public Option<string?> Model { get; } = CommonOptions.Model();

    public Option<string?> Endpoint { get; } = CommonOptions.Endpoint();

    public Option<string> ApiKeyVariable { get; } = CommonOptions.ApiKeyVariable();

    public void AddTo(Command command)
    {
        command.Options.Add(Agent);
        command.Options.Add(Model);
        command.Options.Add(Endpoint);
        command.Options.Add(ApiKeyVariable);
    }

    /// <summary>The agent chosen: an LLM through Microsoft.Extensions.AI, or <paramref name="offline"/>.</summary>
    /// <exception cref="ArgumentException">The LLM's settings are missing or invalid (no API key, say).</exception>
    public IStageAgent Create(ParseResult parse, IStageAgent offline, ChatClientAgentOptions? chat = null) =>
        parse.GetValue(Agent) == "openai"
            ? AgentSetup.OpenAi(parse.GetValue(Model), parse.GetValue(Endpoint), parse.GetValue(ApiKeyVariable)!, chat)
            : offline;
}
