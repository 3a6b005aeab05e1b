using System;
using System.Collections.Generic;
using System.CommandLine;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using TeamBot.Agents;
using TeamBot.Agents.Copilot;
using TeamBot.Agents.Mcp;
using TeamBot.Agents.Replay;
using TeamBot.State;

namespace TeamBot.Hosting.Commands;

/// <summary>
/// The options that choose the agents (<c>--agent</c>, <c>--model</c>, <c>--endpoint</c>, <c>--api-key-variable</c>,
/// <c>--copilot-path</c>, <c>--mcp-config</c>), shared by every command that runs agents.
/// </summary>
internal sealed class AgentChoice(IReadOnlyDictionary<string, Func<CustomAgentContext, CancellationToken, ValueTask<IStageAgent>>> custom)
{
    /// <summary>The kinds of agent the command line builds itself; a program's own agents may take no such name.</summary>
    public static readonly string[] BuiltIn = ["offline", "openai", "copilot"];

    private const string ModelSetting = "model";
    private const string EndpointSetting = "endpoint";
    private const string ApiKeyVariableSetting = "api_key_variable";
    private const string CopilotPathSetting = "copilot_path";
    private const string McpConfigSetting = "mcp_config";
    private const string ApproveAtSetting = "offline_approve_at";
    private const string FailingAcceptanceRunsSetting = "offline_failing_acceptance_runs";
    private const string TranscriptSetting = "transcript";
    private const string ReplayFallbackSetting = "replay_fallback";
    private const string RecordSetting = "record";
    private const string ReplayKind = "replay";

    public Option<string> Agent { get; } = CommonOptions.Agent([.. custom.Keys.Order(StringComparer.Ordinal)]);

    public Option<string?> Model { get; } = CommonOptions.Model();

    public Option<string?> Endpoint { get; } = CommonOptions.Endpoint();

    public Option<string> ApiKeyVariable { get; } = CommonOptions.ApiKeyVariable();

    public Option<string?> CopilotPath { get; } = CommonOptions.CopilotPath();

    public Option<string?> McpConfig { get; } = CommonOptions.McpConfig();

    public Option<string?> Record { get; } = CommonOptions.Record();

    public Option<string?> ReplayFallback { get; } = CommonOptions.ReplayFallback([.. BuiltIn, .. custom.Keys.Order(StringComparer.Ordinal)]);

    public void AddTo(Command command)
    {
        command.Options.Add(Agent);
        command.Options.Add(Model);
        command.Options.Add(Endpoint);
        command.Options.Add(ApiKeyVariable);
        command.Options.Add(CopilotPath);
        command.Options.Add(McpConfig);
        command.Options.Add(Record);
        command.Options.Add(ReplayFallback);
    }

    /// <summary>Whether the built-in offline agent is chosen (no <c>--agent</c>, or <c>--agent offline</c>).</summary>
    public static bool IsOffline(RunAgent agent) => agent.Kind is "offline";

    /// <summary>
    /// Whether the offline agent may answer: chosen, or the fallback of a replay. It edits a sample workspace, never the
    /// user's checkout.
    /// </summary>
    public static bool EditsSampleWorkspace(RunAgent agent) =>
        IsOffline(agent) || (agent.Kind == ReplayKind && agent.Settings.GetValueOrDefault(ReplayFallbackSetting) == "offline");

    /// <summary>
    /// The agent the command line chooses. On resume (<paramref name="saved"/> given) each setting not given on the
    /// command line is the one the run started with, so a resume never switches agents unasked; settings of another kind
    /// of agent are not carried over.
    /// </summary>
    public RunAgent Choose(ParseResult parse, RunAgent? saved, Option<int>? approveAt = null, Option<int>? failingAcceptanceRuns = null)
    {
        string kind = Given(parse, Agent) ? parse.GetValue(Agent)! : saved?.Kind is { Length: > 0 } savedKind ? savedKind : parse.GetValue(Agent)!;
        string? transcript = null;
        if (kind.StartsWith(CommonOptions.ReplayPrefix, StringComparison.Ordinal))
        {
            (kind, transcript) = (ReplayKind, kind[CommonOptions.ReplayPrefix.Length..]);
        }

        IReadOnlyDictionary<string, string>? carried = saved is not null && saved.Kind == kind ? saved.Settings : null;
        var settings = new SortedDictionary<string, string>(StringComparer.Ordinal);
        void Add<T>(string name, Option<T>? option)
        {
            if (option is null)
            {
                return;
            }

            string? value = Given(parse, option) ? Text(parse.GetValue(option)) : carried?.GetValueOrDefault(name) ?? Text(parse.GetValue(option));
            if (value is not null)
            {
                settings[name] = value;
            }
        }

        if (kind == "openai")
        {
            Add(ModelSetting, Model);
            Add(EndpointSetting, Endpoint);
            Add(ApiKeyVariableSetting, ApiKeyVariable);
            Add(McpConfigSetting, McpConfig);
        }
        else if (kind == "copilot")
        {
            Add(ModelSetting, Model);
            Add(CopilotPathSetting, CopilotPath);
            Add(McpConfigSetting, McpConfig);
        }
        else if (kind == "offline")
        {
            Add(ApproveAtSetting, approveAt);
            Add(FailingAcceptanceRunsSetting, failingAcceptanceRuns);
        }
        else if (kind == ReplayKind)
        {
            if ((transcript ?? carried?.GetValueOrDefault(TranscriptSetting)) is { } folder)
            {
                settings[TranscriptSetting] = folder;
            }

            // The fallback agent's own settings, for the calls it answers.
            Add(ReplayFallbackSetting, ReplayFallback);
            Add(ModelSetting, Model);
            Add(EndpointSetting, Endpoint);
            Add(ApiKeyVariableSetting, ApiKeyVariable);
            Add(CopilotPathSetting, CopilotPath);
            Add(McpConfigSetting, McpConfig);
            Add(ApproveAtSetting, approveAt);
            Add(FailingAcceptanceRunsSetting, failingAcceptanceRuns);
        }
        else
        {
            // One of the program's own agents: it may read the model and the endpoint.
            Add(ModelSetting, Model);
            Add(EndpointSetting, Endpoint);
        }

        // Whichever agent answers, a recording goes on over resumes of the run, also one that switches agents.
        string? record = Given(parse, Record) ? parse.GetValue(Record) : saved?.Settings.GetValueOrDefault(RecordSetting);
        if (record is not null)
        {
            settings[RecordSetting] = record;
        }
        return new RunAgent(kind, settings);
    }

    /// <summary>Says which agent a resume uses, and whether that is the one the run started with.</summary>
    public static string Describe(RunAgent agent, RunAgent? saved)
    {
        string what = agent.Settings.TryGetValue(ModelSetting, out string? model) ? $"the {agent.Kind} agent (model {model})" : $"the {agent.Kind} agent";
        return saved is null || saved.Kind.Length == 0 ? $"Resuming with {what}; the saved run does not say which agent it started with."
            : saved.Kind == agent.Kind ? $"Resuming with {what} the run started with; pass --agent to choose another."
            : $"Resuming with {what}, not the {saved.Kind} agent the run started with.";
    }

    /// <summary>
    /// The agent chosen: an LLM through Microsoft.Extensions.AI, the GitHub Copilot CLI (started here, in
    /// <paramref name="workingDirectory"/>), or the offline agent that <paramref name="offline"/> makes from its settings.
    /// The caller disposes an agent that is <see cref="IAsyncDisposable"/>.
    /// </summary>
    /// <exception cref="ArgumentException">The agent's settings are missing or invalid (no API key, no <c>copilot</c> executable, an unreadable <c>--mcp-config</c> file).</exception>
    /// <exception cref="InvalidOperationException">The Copilot CLI did not start or is not signed in.</exception>
    public async Task<IStageAgent> CreateAsync(RunAgent agent, Func<int, int, IStageAgent> offline, string workingDirectory, ChatClientAgentOptions? chat, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(agent);
        IStageAgent created = await CreateAnsweringAsync(agent, offline, workingDirectory, chat, cancellationToken).ConfigureAwait(false);
        if (agent.Settings.GetValueOrDefault(RecordSetting) is not { } record)
        {
            return created;
        }

        // The key the run uses is masked wherever it would appear, besides whatever looks like a key.
        string? key = Environment.GetEnvironmentVariable(agent.Settings.GetValueOrDefault(ApiKeyVariableSetting) ?? "OPENAI_API_KEY");
        try
        {
            return new RecordingAgent(created, Transcript.ForRecording(Path.GetFullPath(record, workingDirectory)), new Redactor([key]));
        }
        catch (ArgumentException)
        {
            // The agent may be a process of its own (the Copilot CLI): it must not outlive the command that failed.
            if (created is IAsyncDisposable disposable)
            {
                await disposable.DisposeAsync().ConfigureAwait(false);
            }

            throw;
        }
    }

    private async Task<IStageAgent> CreateAnsweringAsync(RunAgent agent, Func<int, int, IStageAgent> offline, string workingDirectory, ChatClientAgentOptions? chat, CancellationToken cancellationToken)
    {
        string? Setting(string name) => agent.Settings.GetValueOrDefault(name);
        if (agent.Kind == ReplayKind)
        {
            string folder = Setting(TranscriptSetting) ?? throw new ArgumentException($"Replay needs a transcript: --agent {CommonOptions.ReplayPrefix}<dir>.");
            var transcript = Transcript.ForReplay(Path.GetFullPath(folder, workingDirectory));
            IStageAgent? fallback = Setting(ReplayFallbackSetting) is { } kind
                ? await CreateAnsweringAsync(new RunAgent(kind, agent.Settings), offline, workingDirectory, chat, cancellationToken).ConfigureAwait(false)
                : null;
            return new ReplayAgent(transcript, fallback);
        }

        if (custom.TryGetValue(agent.Kind, out Func<CustomAgentContext, CancellationToken, ValueTask<IStageAgent>>? create))
        {
            return await create(new CustomAgentContext(agent.Kind, workingDirectory, Setting(ModelSetting), Setting(EndpointSetting)), cancellationToken).ConfigureAwait(false)
                ?? throw new InvalidOperationException($"The '{agent.Kind}' agent's factory made no agent.");
        }

        return agent.Kind switch
        {
            "openai" => AgentSetup.OpenAi(Setting(ModelSetting), Setting(EndpointSetting), Setting(ApiKeyVariableSetting) ?? "OPENAI_API_KEY", WithMcpServers(Setting(McpConfigSetting), workingDirectory, chat)),
            "copilot" => await CopilotAgent.StartAsync(
                new CopilotAgentOptions { CliPath = Setting(CopilotPathSetting), Model = Setting(ModelSetting), WorkingDirectory = workingDirectory, McpServers = McpServers(Setting(McpConfigSetting), workingDirectory) ?? [] },
                cancellationToken).ConfigureAwait(false),
            "offline" => offline(Number(Setting(ApproveAtSetting)) ?? 1, Number(Setting(FailingAcceptanceRunsSetting)) ?? 0),

            // A resume of a run started with an agent this program no longer offers: never another agent unasked.
            _ => throw new ArgumentException($"The run started with the '{agent.Kind}' agent, which this command line does not offer; pass --agent {string.Join("|", BuiltIn.Concat(custom.Keys.Order(StringComparer.Ordinal)))} to choose one."),
        };
    }

    private static bool Given(ParseResult parse, Option option) => parse.GetResult(option) is { Implicit: false };

    private static string? Text<T>(T value) => value is null ? null : Convert.ToString(value, CultureInfo.InvariantCulture);

    private static int? Number(string? text) => int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int value) ? value : null;

    /// <summary><paramref name="chat"/> with the servers of the <c>--mcp-config</c> file, if one is given.</summary>
    private static ChatClientAgentOptions? WithMcpServers(string? file, string workingDirectory, ChatClientAgentOptions? chat) =>
        McpServers(file, workingDirectory) is { } servers ? (chat ?? new ChatClientAgentOptions()) with { McpServers = servers } : chat;

    /// <summary>The servers of the <c>--mcp-config</c> file (relative to <paramref name="workingDirectory"/>); <see langword="null"/> when none is given.</summary>
    /// <remarks>Read before any agent starts, so a bad file stops the command before the Copilot CLI is launched.</remarks>
    private static IReadOnlyList<McpServer>? McpServers(string? file, string workingDirectory) =>
        file is not null ? McpConfigFile.Load(Path.GetFullPath(file, workingDirectory)) : null;
}
