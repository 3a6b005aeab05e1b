using System;
using System.Linq;
using TeamBot.Definitions;

namespace TeamBot.State;

/// <summary>The token and cost budget a state file records (<c>max_tokens</c>, <c>max_cost</c>, <c>prices</c>).</summary>
internal static class SavedBudget
{
    /// <summary>The budget saved with a run, or <see langword="null"/> when it has none.</summary>
    public static RunBudget? Of(OrchestrationStateDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        return document.MaxTokens is null && document.MaxCost is null && document.Prices is null or { Count: 0 }
            ? null
            : new RunBudget { Tokens = document.MaxTokens, Cost = document.MaxCost, Prices = [.. (document.Prices ?? []).OfType<PriceEntry>().Select(price => price.ToPrice())] };
    }
}
