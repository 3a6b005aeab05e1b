using System;
using System.Collections.Immutable;

namespace TeamBot.Definitions;

/// <summary>
/// The run budget a workflow declares under <c>budget</c> in stages.yaml: the most tokens, cost and time one run may
/// use, and the prices its cost is counted in. A run given a budget of its own at run time uses that one instead.
/// </summary>
public sealed class WorkflowBudget
{
    /// <summary>Gets the budget of a workflow that declares none.</summary>
    public static WorkflowBudget None { get; } = new();

    /// <summary>Gets the most tokens (input and output, over every agent call) a run may use, or <see langword="null"/>.</summary>
    public long? Tokens { get; init; }

    /// <summary>Gets the most a run may cost at <see cref="Prices"/>, or <see langword="null"/>.</summary>
    public decimal? Cost { get; init; }

    /// <summary>Gets the most time a run may take over all its sessions, or <see langword="null"/>.</summary>
    public TimeSpan? Time { get; init; }

    /// <summary>
    /// Gets a value indicating whether a budget below the build-time worst case is an error (<c>policy: strict</c>)
    /// rather than a warning.
    /// </summary>
    public bool Strict { get; init; }

    /// <summary>Gets the price of each model, for <see cref="Cost"/>.</summary>
    public ImmutableArray<ModelPrice> Prices { get; init; } = [];
}
