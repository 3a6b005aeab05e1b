using System;
using TeamBot.Definitions;
using TeamBot.Rules;

namespace TeamBot.Execution;

/// <summary>
/// What one run sets for itself over its host's <see cref="WorkflowRunnerOptions"/>: the choices a user makes per
/// objective (<c>teambot run --time-budget --max-concurrency --skip-optional</c>), wherever the run is hosted.
/// </summary>
/// <param name="TimeBudget">The whole run's time budget; <see langword="null"/> keeps the host's.</param>
/// <param name="MaxConcurrency">The concurrency of every parallel group; <see langword="null"/> keeps the host's.</param>
/// <param name="SkipOptionalStages">Whether optional stages are skipped; <see langword="null"/> keeps the host's.</param>
/// <param name="Budget">The run's token and cost budget; <see langword="null"/> keeps the host's (or the saved one).</param>
public sealed record RunOverrides(TimeSpan? TimeBudget = null, int? MaxConcurrency = null, bool? SkipOptionalStages = null, RunBudget? Budget = null)
{
    /// <summary>Gets the overrides that change nothing.</summary>
    public static RunOverrides None { get; } = new();

    /// <summary>Applies the overrides to <paramref name="options"/>.</summary>
    public WorkflowRunnerOptions ApplyTo(WorkflowRunnerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return this == None ? options : options with
        {
            TimeBudget = TimeBudget ?? options.TimeBudget,
            MaxConcurrency = MaxConcurrency ?? options.MaxConcurrency,
            Budget = Budget ?? options.Budget,
            Policy = SkipOptionalStages is { } skip ? options.Policy with { SkipOptionalStages = skip } : options.Policy,
        };
    }
}
