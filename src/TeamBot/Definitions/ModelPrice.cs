using System;

namespace TeamBot.Definitions;

/// <summary>What a model's tokens cost, per million, in the currency the run's cost budget is given in.</summary>
/// <param name="Model">The model id, as the agent reports it (for example <c>gpt-4o-mini</c>).</param>
/// <param name="InputPerMillion">The price of a million input tokens.</param>
/// <param name="OutputPerMillion">The price of a million output tokens.</param>
public sealed record ModelPrice(string Model, decimal InputPerMillion, decimal OutputPerMillion)
{
    /// <summary>Gets what <paramref name="inputTokens"/> and <paramref name="outputTokens"/> cost at this price.</summary>
    public decimal CostOf(long inputTokens, long outputTokens) =>
        ((inputTokens * InputPerMillion) + (outputTokens * OutputPerMillion)) / 1_000_000m;
}
