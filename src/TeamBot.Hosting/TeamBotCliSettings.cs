using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Spectre.Console;
using TeamBot.Agents;
using TeamBot.State;

namespace TeamBot.Hosting;

/// <summary>Where the command line writes and works; the defaults are the process's console and current directory.</summary>
public sealed record TeamBotCliSettings
{
    /// <summary>Gets the writer for plain output (default: standard output).</summary>
    public TextWriter? Output { get; init; }

    /// <summary>Gets the writer for errors (default: standard error).</summary>
    public TextWriter? Error { get; init; }

    /// <summary>Gets the console for the live view (default: Spectre's console over standard output).</summary>
    public IAnsiConsole? Console { get; init; }

    /// <summary>Gets a value forcing plain output; <see langword="null"/> decides from the console (redirected output or <c>CI</c> set).</summary>
    public bool? Plain { get; init; }

    /// <summary>Gets the folder relative paths start from (default: the current directory).</summary>
    public string? WorkingDirectory { get; init; }

    /// <summary>
    /// Gets the folder that holds the runs when <c>--teambot-dir</c> is not given, relative to
    /// <see cref="WorkingDirectory"/> (default: <c>.teambot</c>). A program with a workflow of its own gives it a folder
    /// of its own, so that its runs never meet another workflow's runs of the same objective.
    /// </summary>
    public string RunsDirectory { get; init; } = ".teambot";

    /// <summary>Gets the cluster behind <c>serve</c>, <c>run --cluster</c> and <c>status --cluster</c>; without one they are not offered.</summary>
    public ITeamBotCluster? Cluster { get; init; }

    /// <summary>Gets the clock.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Gets the file system a local run's files are written through; tests pass one that fails.</summary>
    public RunFileSystem FileSystem { get; init; } = RunFileSystem.Default;

    /// <summary>
    /// Gets the program's own agents, offered by <c>run</c>, <c>resume</c> and <c>serve</c> as values of <c>--agent</c>
    /// beside <c>offline</c>, <c>openai</c> and <c>copilot</c>: the key is the value (for example <c>mine</c>), the
    /// factory makes the agent for a session. An agent that is <see cref="IAsyncDisposable"/> is disposed when its
    /// session ends. A run records the kind it started with, and <c>resume</c> uses it again unless told otherwise.
    /// </summary>
    public IReadOnlyDictionary<string, Func<CustomAgentContext, CancellationToken, ValueTask<IStageAgent>>> CustomAgents { get; init; } =
        new Dictionary<string, Func<CustomAgentContext, CancellationToken, ValueTask<IStageAgent>>>();
}
