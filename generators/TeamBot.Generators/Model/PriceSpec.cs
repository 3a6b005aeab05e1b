namespace TeamBot.Generators.Model;

/// <summary>One model's price per million tokens.</summary>
internal sealed record PriceSpec(string Model, decimal InputPerMillion, decimal OutputPerMillion);
