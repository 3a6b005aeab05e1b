using Orleans;
using TeamBot.Objectives;

namespace TeamBot.Orleans.Serialization;

/// <summary>How Orleans carries an <see cref="Objective"/>, which the core declares without Orleans' attributes.</summary>
[GenerateSerializer]
internal struct ObjectiveSurrogate
{
    [Id(0)] public string Title;
    [Id(1)] public string FeatureName;
    [Id(2)] public string SourcePath;
    [Id(3)] public string[] Goals;
    [Id(4)] public string[] SuccessCriteria;
    [Id(5)] public string[] Constraints;
    [Id(6)] public string Context;
}

[RegisterConverter]
internal sealed class ObjectiveConverter : IConverter<Objective, ObjectiveSurrogate>
{
    public Objective ConvertFromSurrogate(in ObjectiveSurrogate surrogate) => new()
    {
        Title = surrogate.Title,
        FeatureName = surrogate.FeatureName,
        SourcePath = surrogate.SourcePath,
        Goals = [.. surrogate.Goals],
        SuccessCriteria = [.. surrogate.SuccessCriteria],
        Constraints = [.. surrogate.Constraints],
        Context = surrogate.Context,
    };

    public ObjectiveSurrogate ConvertToSurrogate(in Objective value) => new()
    {
        Title = value.Title,
        FeatureName = value.FeatureName,
        SourcePath = value.SourcePath,
        Goals = [.. value.Goals],
        SuccessCriteria = [.. value.SuccessCriteria],
        Constraints = [.. value.Constraints],
        Context = value.Context,
    };
}
