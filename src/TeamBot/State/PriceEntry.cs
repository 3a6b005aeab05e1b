using System.Text.Json.Serialization;
using TeamBot.Definitions;

namespace TeamBot.State;

/// <summary>One model's price in the state file's <c>prices</c>, per million tokens (added by TeamBot for .NET).</summary>
public sealed class PriceEntry
{
    /// <summary>Gets or sets the model id.</summary>
    [JsonPropertyName("model")]
    public string Model { get; set; } = "";

    /// <summary>Gets or sets the price of a million input tokens.</summary>
    [JsonPropertyName("input")]
    public decimal Input { get; set; }

    /// <summary>Gets or sets the price of a million output tokens.</summary>
    [JsonPropertyName("output")]
    public decimal Output { get; set; }

    internal static PriceEntry From(ModelPrice price) => new() { Model = price.Model, Input = price.InputPerMillion, Output = price.OutputPerMillion };

    internal ModelPrice ToPrice() => new(Model ?? "", Input, Output);
}
