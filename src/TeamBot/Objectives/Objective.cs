using System.Collections.Immutable;

namespace TeamBot.Objectives;

/// <summary>What a run is for: the objective file's content as structured data.</summary>
public sealed record Objective
{
    /// <summary>Gets the title.</summary>
    public required string Title { get; init; }

    /// <summary>Gets the feature name, which names the run's folder (for example <c>add-export</c>).</summary>
    public required string FeatureName { get; init; }

    /// <summary>Gets the path of the objective file, as given; empty when the objective was built in code.</summary>
    public string SourcePath { get; init; } = "";

    /// <summary>Gets the goals.</summary>
    public ImmutableArray<string> Goals { get; init; } = [];

    /// <summary>Gets the success criteria.</summary>
    public ImmutableArray<string> SuccessCriteria { get; init; } = [];

    /// <summary>Gets the constraints.</summary>
    public ImmutableArray<string> Constraints { get; init; } = [];

    /// <summary>Gets free-form context (problem statement, technical and additional context).</summary>
    public string Context { get; init; } = "";
}
