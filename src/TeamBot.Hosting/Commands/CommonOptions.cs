using System;
using System.Collections.Generic;
using System.CommandLine;
using System.Linq;

namespace TeamBot.Hosting.Commands;

/// <summary>Options several commands share; each root command gets its own instances, since a symbol belongs to one tree.</summary>
internal static class CommonOptions
{
    /// <summary>The runs folder option; <paramref name="defaultDirectory"/> when it is not given.</summary>
    public static Option<string> TeamBotDirectory(string defaultDirectory) => new Option<string>("--teambot-dir")
    {
        Description = "The folder that holds the runs (one subfolder per feature).",
        DefaultValueFactory = _ => defaultDirectory,
        Recursive = true,
    }.NotBlank().PathText();

    public static Option<bool> Plain() => new("--plain")
    {
        Description = "Write timestamped lines instead of the live view (the default when output is redirected or CI is set).",
        Recursive = true,
    };

    public static Option<bool> Verbose() => new("--verbose") { Description = "Write structured logs to standard error.", Recursive = true };

    public static Option<string?> Telemetry() => new Option<string?>("--telemetry")
    {
        Description = "Export traces and metrics with OpenTelemetry: 'console' writes them to standard output.",
        Recursive = true,
    }.OneOf("console");

    public static Option<int?> MaxConcurrency() => new Option<int?>("--max-concurrency") { Description = "Run at most this many members of a parallel group at once (default: each group's max_concurrency)." }.InRange(1);

    public static Option<TimeSpan?> TimeBudget() => new Option<TimeSpan?>("--time-budget")
    {
        Description = "The whole run's time budget, counted over resumed sessions (hh:mm:ss; default 08:00:00).",
    }.PositiveDuration("08:00:00");

    /// <summary>
    /// A run's name: the one folder under the runs folder it lives in. A path is refused, so a run's state and files
    /// are only ever read and written inside the runs folder.
    /// </summary>
    public static Argument<string?> RunName(string description) => new("feature")
    {
        Description = description,
        Arity = ArgumentArity.ZeroOrOne,
        Validators =
        {
            result =>
            {
                if (result.GetValueOrDefault<string?>() is { } name && !IsRunName(name))
                {
                    result.AddError($"'{name}' is not a run's name: name a folder in the runs folder (as 'teambot status' lists them), not a path.");
                }
            },
        },
    };

    public static Option<bool> SkipOptional() => new("--skip-optional") { Description = "Skip the stages stages.yaml marks optional." };

    /// <param name="custom">The program's own agents (<see cref="TeamBotCliSettings.CustomAgents"/>), offered after the built-in ones.</param>
    public static Option<string> Agent(IReadOnlyCollection<string> custom)
    {
        string[] kinds = ["offline", "openai", "copilot", .. custom];
        var option = new Option<string>("--agent")
        {
            Description = "The agents: 'offline' is the built-in deterministic agent, needing no network; 'openai' an LLM on an OpenAI-compatible endpoint; 'copilot' the GitHub Copilot CLI (npm install -g @github/copilot, signed in)"
                + (custom.Count == 0 ? "" : $"; this program's own: {string.Join(", ", custom.Select(kind => $"'{kind}'"))}")
                + $"; '{ReplayPrefix}<dir>' replays the transcript a run recorded with --record <dir>, without a model.",
            DefaultValueFactory = _ => "offline",
        };
        option.CompletionSources.Add([.. kinds, ReplayPrefix]);
        option.Validators.Add(result =>
        {
            foreach (System.CommandLine.Parsing.Token token in result.Tokens)
            {
                bool replay = token.Value.StartsWith(ReplayPrefix, StringComparison.Ordinal) && token.Value.Length > ReplayPrefix.Length;
                if (!replay && !kinds.Contains(token.Value, StringComparer.Ordinal))
                {
                    result.AddError($"{option.Name}: '{token.Value}' is not one of {string.Join(", ", kinds)}, {ReplayPrefix}<dir>");
                }
            }
        });
        return option;
    }

    /// <summary>What <c>--agent</c> starts with to replay a transcript: <c>replay:&lt;dir&gt;</c>.</summary>
    public const string ReplayPrefix = "replay:";

    public static Option<string?> Record() => new Option<string?>("--record")
    {
        HelpName = "dir",
        Description = "Record every agent call's full prompt and answer (keys redacted) in <dir>/transcript.jsonl, to replay later with --agent replay:<dir>; a resume goes on recording there.",
    }.NotBlank().PathText();

    /// <param name="kinds">The agents that may answer calls that differ.</param>
    public static Option<string?> ReplayFallback(IReadOnlyCollection<string> kinds) => new Option<string?>("--replay-fallback")
    {
        Description = "With --agent replay:<dir>: the agent that answers a call whose prompt differs from the transcript (default: none, the stage fails reporting the first call that differs).",
    }.OneOf([.. kinds]);

    public static Option<string?> Model() => new Option<string?>("--model") { Description = $"With --agent openai: the model (default: ${Agents.AgentSetup.ModelVariable}, else gpt-4.1). With --agent copilot: the model (default: the Copilot CLI's)." }.NotBlank();

    public static Option<string?> CopilotPath() => new("--copilot-path")
    {
        Description = $"With --agent copilot: the copilot executable (default: ${Agents.Copilot.CopilotAgentOptions.CliPathVariable}, else copilot on PATH).",
    };

    public static Option<string?> McpConfig() => new("--mcp-config")
    {
        Description = "With --agent openai or copilot: a JSON file of MCP servers ({\"mcpServers\": {\"<name>\": {\"command\": ..., \"args\": [...], \"env\": {...}}}}) whose tools a stage's permissions may grant (mcp:<name>, mcp:<name>/<tool>).",
    };

    public static Option<string?> Endpoint() => new Option<string?>("--endpoint") { Description = $"With --agent openai: the OpenAI-compatible endpoint (default: ${Agents.AgentSetup.EndpointVariable}, else OpenAI's)." }.HttpAddress();

    public static Option<string> ApiKeyVariable() => new Option<string>("--api-key-variable")
    {
        Description = "With --agent openai: the environment variable that holds the API key.",
        DefaultValueFactory = _ => "OPENAI_API_KEY",
    }.NotBlank();

    public static Option<int> ApproveAt() => new Option<int>("--offline-approve-at")
    {
        Description = "With the offline agent: the review iteration that approves (2 shows one rejection).",
        DefaultValueFactory = _ => 2,
    }.InRange(1);

    public static Option<int> FailingAcceptanceRuns() => new Option<int>("--offline-failing-acceptance-runs")
    {
        Description = "With the offline agent: how many acceptance-test runs fail before one passes (1 shows one fix).",
        DefaultValueFactory = _ => 1,
    }.InRange(0);

    public static Option<string?> Cluster() => new Option<string?>("--cluster")
    {
        Description = "A TeamBot cluster to use instead of this machine (started with 'teambot serve'): a gateway as localhost:30000, or the PostgreSQL connection string its silos were given.",
    }.NotBlank();

    private static bool IsRunName(string name) =>
        name.Length > 0 && name is not "." and not ".." && name.IndexOfAny(['/', '\\', '\0']) < 0 && name.IndexOfAny(System.IO.Path.GetInvalidFileNameChars()) < 0;
}
