using System;
using TeamBot.Workflow.Model;

namespace TeamBot.Workflow.Costs;

/// <summary>The worst case of one run, from the bounds a workflow declares (see docs/budgets.md).</summary>
/// <param name="Stages">Each stage's worst case, in <c>stage_order</c>.</param>
/// <param name="Calls">The most agent calls one run can make: the sum over the stages.</param>
/// <param name="Tokens">The most tokens one run can use, or <see langword="null"/> when a stage with agents has no per-call limit.</param>
/// <param name="CriticalPath">The longest one run can take, or <see langword="null"/> when a stage with agents has no timeout.</param>
/// <param name="CriticalPathStages">
/// The stages that take time on the critical path, in order; for a parallel group, the members run one after another
/// by the worker that finishes last.
/// </param>
/// <param name="StagesWithoutTokenLimit">The stages that call agents without <c>max_tokens_per_call</c>.</param>
/// <param name="StagesWithoutTimeout">The stages that call agents without <c>timeout</c>.</param>
public sealed record WorkflowWorstCase(
    EquatableArray<StageWorstCase> Stages,
    int Calls,
    long? Tokens,
    TimeSpan? CriticalPath,
    EquatableArray<string> CriticalPathStages,
    EquatableArray<string> StagesWithoutTokenLimit,
    EquatableArray<string> StagesWithoutTimeout);
