using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using TeamBot.Definitions;

namespace TeamBot.Orleans.Serialization;

/// <summary>
/// A budget's prices as the cluster keeps and carries them (model, input and output per million tokens): the submission
/// stored with a run and a resume's overrides both hold them so, and convert them here.
/// </summary>
internal static class PriceTuples
{
    public static List<(string Model, decimal Input, decimal Output)> Of(RunBudget? budget) =>
        [.. (budget?.Prices ?? []).Select(price => (price.Model, price.InputPerMillion, price.OutputPerMillion))];

    public static ImmutableArray<ModelPrice> ToPrices(IEnumerable<(string Model, decimal Input, decimal Output)> prices) =>
        [.. prices.Select(price => new ModelPrice(price.Model, price.Input, price.Output))];
}
