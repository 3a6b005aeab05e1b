using System;
using System.CommandLine;

namespace TeamBot.Hosting.Commands;

/// <summary>Options several commands share; each root command gets its own instances, since a symbol belongs to one tree.</summary>
internal static class CommonOptions
{
    public static Option<string> TeamBotDirectory() => new("--teambot-dir")
    {
        Description = "The folder that holds the runs (one subfolder per feature).",
        DefaultValueFactory = _ => ".teambot",
        Recursive = true,
    };

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
    }.AcceptOnlyFromAmong("console");

    public static Option<int?> MaxConcurrency() => Positive(new Option<int?>("--max-concurrency") { Description = "Run at most this many members of a parallel group at once (default: each group's max_concurrency)." });

    public static Option<TimeSpan?> TimeBudget() => new("--time-budget")
    {
        Description = "The whole run's time budget, counted over resumed sessions (hh:mm:ss; default 08:00:00).",
        Validators =
        {
            result =>
            {
                if (result.GetValueOrDefault<TimeSpan?>() is { } budget && budget <= TimeSpan.Zero)
                {
                    result.AddError("--time-budget must be a positive duration such as 08:00:00.");
                }
            },
        },
    };

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

    public static Option<string> Agent() => new Option<string>("--agent")
    {
        Description = "The agents: 'offline' is the built-in deterministic agent, needing no network; 'openai' an LLM on an OpenAI-compatible endpoint; 'copilot' the GitHub Copilot CLI (npm install -g @github/copilot, signed in).",
        DefaultValueFactory = _ => "offline",
    }.AcceptOnlyFromAmong("offline", "openai", "copilot");

    public static Option<string?> Model() => new("--model") { Description = $"With --agent openai: the model (default: ${Agents.AgentSetup.ModelVariable}, else gpt-4.1). With --agent copilot: the model (default: the Copilot CLI's)." };

    public static Option<string?> CopilotPath() => new("--copilot-path")
    {
        Description = $"With --agent copilot: the copilot executable (default: ${Agents.Copilot.CopilotAgentOptions.CliPathVariable}, else copilot on PATH).",
    };

    public static Option<string?> McpConfig() => new("--mcp-config")
    {
        Description = "With --agent openai or copilot: a JSON file of MCP servers ({\"mcpServers\": {\"<name>\": {\"command\": ..., \"args\": [...], \"env\": {...}}}}) whose tools a stage's permissions may grant (mcp:<name>, mcp:<name>/<tool>).",
    };

    public static Option<string?> Endpoint() => new("--endpoint") { Description = $"With --agent openai: the OpenAI-compatible endpoint (default: ${Agents.AgentSetup.EndpointVariable}, else OpenAI's)." };

    public static Option<string> ApiKeyVariable() => new("--api-key-variable")
    {
        Description = "With --agent openai: the environment variable that holds the API key.",
        DefaultValueFactory = _ => "OPENAI_API_KEY",
    };

    public static Option<int> ApproveAt() => Positive(new Option<int>("--offline-approve-at")
    {
        Description = "With the offline agent: the review iteration that approves (2 shows one rejection).",
        DefaultValueFactory = _ => 2,
    });

    public static Option<int> FailingAcceptanceRuns() => new("--offline-failing-acceptance-runs")
    {
        Description = "With the offline agent: how many acceptance-test runs fail before one passes (1 shows one fix).",
        DefaultValueFactory = _ => 1,
        Validators =
        {
            result =>
            {
                if (result.GetValueOrDefault<int>() < 0)
                {
                    result.AddError("--offline-failing-acceptance-runs cannot be negative.");
                }
            },
        },
    };

    private static Option<T> Positive<T>(Option<T> option)
    {
        option.Validators.Add(result =>
        {
            object? value = result.GetValueOrDefault<T>();
            if (value is int number && number < 1)
            {
                result.AddError($"{option.Name} must be at least 1.");
            }
        });
        return option;
    }

    public static Option<string?> Cluster() => new("--cluster")
    {
        Description = "A TeamBot cluster to use instead of this machine (started with 'teambot serve'): a gateway as localhost:30000, or the PostgreSQL connection string its silos were given.",
    };

    private static bool IsRunName(string name) =>
        name.Length > 0 && name is not "." and not ".." && name.IndexOfAny(['/', '\\', '\0']) < 0 && name.IndexOfAny(System.IO.Path.GetInvalidFileNameChars()) < 0;
}
