using System;
using System.Collections.Immutable;
using System.Linq;

namespace TeamBot.Definitions;

/// <summary>
/// What a stage lets its agents do in the workspace, from its <c>permissions</c> in stages.yaml: which tools they get,
/// which paths its work agents may write, which programs they may run. Checked at build time (TB07xx); a reviewer only
/// ever reads, whatever the stage permits.
/// </summary>
public sealed record StagePermissions
{
    /// <summary>The tools that only read the workspace, given when <c>tools</c> is not written.</summary>
    public static ImmutableArray<string> ReadTools { get; } = ["list_files", "read_file", "search_files", "show_diff"];

    /// <summary>Gets the tools the stage's agents may use.</summary>
    public ImmutableArray<string> Tools { get; init; } = ReadTools;

    /// <summary>Gets the globs (relative to the workspace) every work agent of the stage may write.</summary>
    public ImmutableArray<string> Write { get; init; } = [];

    /// <summary>Gets the globs each named work agent may write besides <see cref="Write"/>.</summary>
    public ImmutableArray<AgentWritePaths> WriteByAgent { get; init; } = [];

    /// <summary>Gets the programs <c>run_command</c> may start.</summary>
    public ImmutableArray<string> Commands { get; init; } = [];

    /// <summary>The globs <paramref name="agent"/> may write as a work agent of the stage.</summary>
    public ImmutableArray<string> WritableFor(string agent) =>
        [.. Write, .. WriteByAgent.Where(entry => string.Equals(entry.Agent, agent, StringComparison.Ordinal)).SelectMany(entry => entry.Paths)];

    /// <summary>Gets a value indicating whether the stage's work agents may change the workspace.</summary>
    public bool MayWrite => (Tools.Contains("write_file") || Tools.Contains("edit_file")) && !AllWritable().IsEmpty;

    /// <summary>Gets a value indicating whether the stage's agents may run commands (<c>run_command</c> and at least one program).</summary>
    public bool RunsCommands => Tools.Contains("run_command") && !Commands.IsEmpty;

    /// <summary>Every glob any agent of the stage may write: what a rollback of the stage restores.</summary>
    public ImmutableArray<string> AllWritable() => [.. Write, .. WriteByAgent.SelectMany(entry => entry.Paths)];
}
