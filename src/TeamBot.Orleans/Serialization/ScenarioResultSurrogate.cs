using Orleans;
using TeamBot.AcceptanceTests;

namespace TeamBot.Orleans.Serialization;

/// <summary>How Orleans carries a <see cref="ScenarioResult"/>.</summary>
[GenerateSerializer]
internal struct ScenarioResultSurrogate
{
    [Id(0)] public string Id;
    [Id(1)] public ScenarioOutcome Outcome;
    [Id(2)] public string Detail;
}

[RegisterConverter]
internal sealed class ScenarioResultConverter : IConverter<ScenarioResult, ScenarioResultSurrogate>
{
    public ScenarioResult ConvertFromSurrogate(in ScenarioResultSurrogate s) => new(s.Id, s.Outcome, s.Detail);

    public ScenarioResultSurrogate ConvertToSurrogate(in ScenarioResult v) => new() { Id = v.Id, Outcome = v.Outcome, Detail = v.Detail };
}
