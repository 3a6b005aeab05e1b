using Orleans;
using TeamBot.AcceptanceTests;

namespace TeamBot.Orleans.Serialization;

/// <summary>How Orleans carries an <see cref="AcceptanceScenario"/>.</summary>
[GenerateSerializer]
internal struct AcceptanceScenarioSurrogate
{
    [Id(0)] public string Id;
    [Id(1)] public string Name;
    [Id(2)] public string Description;
    [Id(3)] public string Preconditions;
    [Id(4)] public string Steps;
    [Id(5)] public string ExpectedResult;
    [Id(6)] public string Verification;
}

[RegisterConverter]
internal sealed class AcceptanceScenarioConverter : IConverter<AcceptanceScenario, AcceptanceScenarioSurrogate>
{
    public AcceptanceScenario ConvertFromSurrogate(in AcceptanceScenarioSurrogate s) =>
        new(s.Id, s.Name, s.Description, s.Preconditions, s.Steps, s.ExpectedResult, s.Verification);

    public AcceptanceScenarioSurrogate ConvertToSurrogate(in AcceptanceScenario v) => new()
    {
        Id = v.Id,
        Name = v.Name,
        Description = v.Description,
        Preconditions = v.Preconditions,
        Steps = v.Steps,
        ExpectedResult = v.ExpectedResult,
        Verification = v.Verification,
    };
}
