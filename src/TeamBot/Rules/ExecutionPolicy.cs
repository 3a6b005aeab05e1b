namespace TeamBot.Rules;

/// <summary>The choices that change what the rules decide, as opposed to how the runner carries it out.</summary>
public sealed record ExecutionPolicy
{
    /// <summary>The review iterations a review stage gets when stages.yaml sets no <c>max_iterations</c>.</summary>
    public const int DefaultMaxIterations = 4;

    /// <summary>Gets a value indicating whether optional stages are skipped.</summary>
    public bool SkipOptionalStages { get; init; }

    /// <summary>Gets the review iterations of a review stage without <c>max_iterations</c>.</summary>
    public int MaxReviewIterations { get; init; } = DefaultMaxIterations;

    /// <summary>Gets the acceptance-test runs (the first plus fixes) of a stage without <c>max_iterations</c>.</summary>
    public int MaxAcceptanceRuns { get; init; } = DefaultMaxIterations;
}
