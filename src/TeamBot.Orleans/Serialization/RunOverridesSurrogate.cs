using System;
using System.Collections.Generic;
using Orleans;
using TeamBot.Definitions;
using TeamBot.Execution;

namespace TeamBot.Orleans.Serialization;

/// <summary>How Orleans carries the <see cref="RunOverrides"/> a resume gives to the run's grain.</summary>
[GenerateSerializer]
internal struct RunOverridesSurrogate
{
    [Id(0)] public TimeSpan? TimeBudget;
    [Id(1)] public int? MaxConcurrency;
    [Id(2)] public bool? SkipOptionalStages;
    [Id(3)] public bool HasBudget;
    [Id(4)] public long? Tokens;
    [Id(5)] public decimal? Cost;
    [Id(6)] public List<(string Model, decimal Input, decimal Output)> Prices;
}

[RegisterConverter]
internal sealed class RunOverridesConverter : IConverter<RunOverrides, RunOverridesSurrogate>
{
    public RunOverrides ConvertFromSurrogate(in RunOverridesSurrogate s) => new(
        s.TimeBudget,
        s.MaxConcurrency,
        s.SkipOptionalStages,
        s.HasBudget ? new RunBudget { Tokens = s.Tokens, Cost = s.Cost, Prices = PriceTuples.ToPrices(s.Prices) } : null);

    public RunOverridesSurrogate ConvertToSurrogate(in RunOverrides v) => new()
    {
        TimeBudget = v.TimeBudget,
        MaxConcurrency = v.MaxConcurrency,
        SkipOptionalStages = v.SkipOptionalStages,
        HasBudget = v.Budget is not null,
        Tokens = v.Budget?.Tokens,
        Cost = v.Budget?.Cost,
        Prices = PriceTuples.Of(v.Budget),
    };
}
