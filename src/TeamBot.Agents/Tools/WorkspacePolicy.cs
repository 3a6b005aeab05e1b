using System;
using System.Collections.Immutable;
using System.Linq;
using TeamBot.Agents;
using TeamBot.Definitions;

namespace TeamBot.Agents.Tools;

/// <summary>
/// What a stage's agents may do in the workspace: which paths they may write (and which no tool may touch), which
/// commands they may run, and the limits on a command.
/// </summary>
/// <param name="Root">The workspace: every path a tool takes is relative to it and must stay inside it.</param>
public sealed record WorkspacePolicy(string Root)
{
    /// <summary>Gets the globs (relative to <see cref="Root"/>) of the files the agents may write; empty: none, the tools are read-only.</summary>
    public ImmutableArray<string> Writable { get; init; } = [];

    /// <summary>Gets the globs no tool may read, list or write, whatever <see cref="Writable"/> says.</summary>
    public ImmutableArray<string> Denied { get; init; } = [".git/**", ".teambot/**", "**/.env"];

    /// <summary>Gets the commands (program names, as on <c>PATH</c>) the agents may run; empty: no command tool.</summary>
    public ImmutableArray<string> Commands { get; init; } = [];

    /// <summary>Gets how long a command may run before it and its children are killed.</summary>
    public TimeSpan CommandTimeout { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>Gets the most characters a tool returns to the model; output past it is cut, saying so.</summary>
    public int OutputLimit { get; init; } = 32_000;

    /// <summary>Gets the tools offered, by name; <see langword="null"/>: every tool the other settings allow.</summary>
    public ImmutableArray<string>? Tools { get; init; }

    /// <summary>
    /// The policy the stage's <c>permissions</c> in stages.yaml give a call: its tools, the paths the calling agent may
    /// write and the commands it may run. A review only reads, whatever the stage permits. <see langword="null"/> when
    /// the stage declares no permissions.
    /// </summary>
    public static WorkspacePolicy? ForRequest(AgentRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Context.Permissions is not { } permissions)
        {
            return null;
        }

        bool reviews = request.Task == AgentTask.Review;
        return new WorkspacePolicy(request.Context.WorkingDirectory)
        {
            Tools = reviews ? [.. permissions.Tools.Where(StagePermissions.ReadTools.Contains)] : permissions.Tools,
            Writable = reviews ? [] : permissions.WritableFor(request.AgentId),
            Commands = reviews ? [] : permissions.Commands,
        };
    }
}
