using System;
using System.ClientModel;
using System.ClientModel.Primitives;
using Microsoft.Extensions.AI;
using OpenAI;
using TeamBot.Agents;

namespace TeamBot.Agents;

/// <summary>Builds the team the command line asked for: the offline agent, or an LLM on an OpenAI-compatible endpoint.</summary>
public static class AgentSetup
{
    /// <summary>The environment variable that names the model when <c>--model</c> is not given.</summary>
    public const string ModelVariable = "TEAMBOT_MODEL";

    /// <summary>The environment variable that gives the endpoint when <c>--endpoint</c> is not given.</summary>
    public const string EndpointVariable = "OPENAI_BASE_URL";

    /// <summary>Creates the OpenAI-protocol agent; the key is read from the environment variable <paramref name="apiKeyVariable"/>.</summary>
    /// <exception cref="ArgumentException">The key variable is not set or the endpoint is not an absolute URL.</exception>
    public static ChatClientAgent OpenAi(string? model, string? endpoint, string apiKeyVariable, ChatClientAgentOptions? options = null)
    {
        string key = Environment.GetEnvironmentVariable(apiKeyVariable)
            ?? throw new ArgumentException($"The OpenAI agent needs an API key: set the environment variable {apiKeyVariable}.", nameof(apiKeyVariable));
        model ??= Environment.GetEnvironmentVariable(ModelVariable) ?? "gpt-4.1";
        endpoint ??= Environment.GetEnvironmentVariable(EndpointVariable);

        // The agent retries transient failures itself, visibly and on its own clock; the SDK must not retry too.
        var clientOptions = new OpenAIClientOptions { RetryPolicy = new ClientRetryPolicy(maxRetries: 0) };
        if (endpoint is not null)
        {
            clientOptions.Endpoint = Uri.TryCreate(endpoint, UriKind.Absolute, out Uri? uri)
                ? uri
                : throw new ArgumentException($"--endpoint '{endpoint}' is not an absolute URL.", nameof(endpoint));
        }

        IChatClient client = new OpenAI.Chat.ChatClient(model, new ApiKeyCredential(key), clientOptions).AsIChatClient();
        return new ChatClientAgent(client, options);
    }

    /// <summary>One agent for every role.</summary>
    internal static AgentRegistry Team(IStageAgent agent) => AgentRegistry.ForAll(agent);
}
