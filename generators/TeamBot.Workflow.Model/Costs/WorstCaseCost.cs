using System.Linq;
using TeamBot.Workflow.Model;

namespace TeamBot.Workflow.Costs;

/// <summary>
/// The worst-case cost of a run: its worst-case tokens all at the highest price declared, input or output. Conservative
/// on purpose: which model a stage's agents use, and how their tokens split between input and output, is known only at
/// run time, so no cheaper figure is safe.
/// </summary>
/// <param name="Cost">The worst-case cost, in the prices' currency.</param>
/// <param name="PricePerMillion">The price per million tokens it is counted at.</param>
public sealed record WorstCaseCost(decimal Cost, decimal PricePerMillion)
{
    /// <summary>The cost of <paramref name="tokens"/>; <see langword="null"/> when the tokens are unknown or no price is declared.</summary>
    public static WorstCaseCost? Of(long? tokens, EquatableArray<ModelPriceDefinition> prices)
    {
        decimal[] declared = prices.SelectMany(price => new[] { price.Input?.Value, price.Output?.Value })
            .Where(value => value is not null).Select(value => value!.Value).ToArray();
        if (tokens is not { } count || declared.Length == 0)
        {
            return null;
        }

        decimal highest = declared.Max();
        return new WorstCaseCost(count * highest / 1_000_000m, highest);
    }
}
