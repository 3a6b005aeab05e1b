using System;
using System.Collections.Immutable;
using System.Linq;

namespace TeamBot.Definitions;

/// <summary>
/// The most tokens and cost one run may use over all its sessions, and the prices its cost is counted in. The driver
/// checks it before every agent call: a call that could take the run past it is not made, and the run stops as
/// <c>budget_exceeded</c>, resumable with a larger budget.
/// </summary>
public sealed record RunBudget
{
    /// <summary>Gets the most tokens (input and output) the run's agent calls may use, or <see langword="null"/>.</summary>
    public long? Tokens { get; init; }

    /// <summary>Gets the most the run may cost at <see cref="Prices"/>, or <see langword="null"/>.</summary>
    public decimal? Cost { get; init; }

    /// <summary>Gets the price of each model, for <see cref="Cost"/>.</summary>
    public ImmutableArray<ModelPrice> Prices { get; init; } = [];

    /// <summary>Gets a value indicating whether the budget limits anything.</summary>
    public bool LimitsAnything => Tokens is not null || Cost is not null;

    /// <summary>Gets the budget a workflow declares, or <see langword="null"/> when it declares no tokens or cost.</summary>
    public static RunBudget? From(WorkflowBudget budget)
    {
        ArgumentNullException.ThrowIfNull(budget);
        return budget.Tokens is null && budget.Cost is null ? null : new RunBudget { Tokens = budget.Tokens, Cost = budget.Cost, Prices = budget.Prices };
    }

    /// <summary>Finds the price of <paramref name="model"/>, case-insensitively.</summary>
    public ModelPrice? PriceOf(string? model) =>
        model is null ? null : Prices.FirstOrDefault(price => string.Equals(price.Model, model, StringComparison.OrdinalIgnoreCase));
}
