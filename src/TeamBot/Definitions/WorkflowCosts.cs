using System;
using System.Collections.Immutable;

namespace TeamBot.Definitions;

/// <summary>
/// The worst case of one run, computed at build time from the bounds stages.yaml declares: the agent calls when every
/// review iteration is rejected and every acceptance run fails but the last, the tokens where every stage declares
/// <c>max_tokens_per_call</c>, and the longest path through the stages' time limits.
/// </summary>
public sealed class WorkflowCosts
{
    /// <summary>Gets the figures of a definition that was not compiled from stages.yaml: nothing is known.</summary>
    public static WorkflowCosts Unknown { get; } = new();

    /// <summary>Gets the most agent calls one run can make without a resume (the sum of every stage's).</summary>
    public int WorstCaseCalls { get; init; }

    /// <summary>Gets the most tokens one run can use, or <see langword="null"/> when a stage with agents has no per-call limit.</summary>
    public long? WorstCaseTokens { get; init; }

    /// <summary>Gets the longest one run can take (its critical path), or <see langword="null"/> when a stage with agents has no time limit.</summary>
    public TimeSpan? CriticalPath { get; init; }

    /// <summary>Gets the stage keys on the critical path, in order; for a group, the members that decide its time.</summary>
    public ImmutableArray<string> CriticalPathStages { get; init; } = [];
}
