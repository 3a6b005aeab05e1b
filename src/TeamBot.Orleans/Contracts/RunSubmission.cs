using System.Collections.Generic;
using Orleans;
using TeamBot.Objectives;
using TeamBot.Orleans.Serialization;

namespace TeamBot.Orleans.Contracts;

/// <summary>An objective submitted to the cluster: everything a run needs that the workflow does not hold.</summary>
[GenerateSerializer]
internal sealed class RunSubmission
{
    /// <summary>Gets or sets the objective's title.</summary>
    [Id(0)]
    public string Title { get; set; } = "";

    /// <summary>Gets or sets the feature name; runs are keyed by it unless another run id is given.</summary>
    [Id(1)]
    public string FeatureName { get; set; } = "";

    /// <summary>Gets or sets the objective file's path, as recorded in the state.</summary>
    [Id(2)]
    public string SourcePath { get; set; } = "";

    /// <summary>Gets or sets the goals.</summary>
    [Id(3)]
    public List<string> Goals { get; set; } = [];

    /// <summary>Gets or sets the success criteria.</summary>
    [Id(4)]
    public List<string> SuccessCriteria { get; set; } = [];

    /// <summary>Gets or sets the constraints.</summary>
    [Id(5)]
    public List<string> Constraints { get; set; } = [];

    /// <summary>Gets or sets the context section.</summary>
    [Id(6)]
    public string Context { get; set; } = "";

    /// <summary>Gets or sets when the run was submitted.</summary>
    [Id(7)]
    public System.DateTimeOffset SubmittedAt { get; set; }

    /// <summary>Gets or sets the run's own time budget, over the silo's.</summary>
    [Id(8)]
    public System.TimeSpan? TimeBudget { get; set; }

    /// <summary>Gets or sets the run's own group concurrency, over the silo's.</summary>
    [Id(9)]
    public int? MaxConcurrency { get; set; }

    /// <summary>Gets or sets whether the run skips optional stages, over the silo's choice.</summary>
    [Id(10)]
    public bool? SkipOptionalStages { get; set; }

    /// <summary>
    /// Gets or sets the client's id for this submission: the same submission sent again (its first answer was lost
    /// with a gateway) is recognised as the one that started the run, not as another run of the same id.
    /// </summary>
    [Id(11)]
    public System.Guid SubmissionId { get; set; }

    /// <summary>Gets or sets the run's own token budget, over the workflow's.</summary>
    [Id(12)]
    public long? TokenBudget { get; set; }

    /// <summary>Gets or sets the run's own cost budget, over the workflow's.</summary>
    [Id(13)]
    public decimal? CostBudget { get; set; }

    /// <summary>Gets or sets the prices the run's cost is counted at, as model, input and output per million tokens.</summary>
    [Id(14)]
    public List<(string Model, decimal Input, decimal Output)> Prices { get; set; } = [];

    /// <summary>Gets what the run sets for itself.</summary>
    public TeamBot.Execution.RunOverrides Overrides => new(TimeBudget, MaxConcurrency, SkipOptionalStages, Budget);

    private TeamBot.Definitions.RunBudget? Budget => TokenBudget is null && CostBudget is null && Prices.Count == 0
        ? null
        : new TeamBot.Definitions.RunBudget { Tokens = TokenBudget, Cost = CostBudget, Prices = PriceTuples.ToPrices(Prices) };

    /// <summary>Records <paramref name="objective"/> and what the run sets for itself.</summary>
    public static RunSubmission From(Objective objective, TeamBot.Execution.RunOverrides? overrides = null)
    {
        System.ArgumentNullException.ThrowIfNull(objective);
        return new()
        {
            SubmissionId = System.Guid.NewGuid(),
            TimeBudget = overrides?.TimeBudget,
            MaxConcurrency = overrides?.MaxConcurrency,
            SkipOptionalStages = overrides?.SkipOptionalStages,
            TokenBudget = overrides?.Budget?.Tokens,
            CostBudget = overrides?.Budget?.Cost,
            Prices = PriceTuples.Of(overrides?.Budget),
            Title = objective.Title,
            FeatureName = objective.FeatureName,
            SourcePath = objective.SourcePath,
            Goals = [.. objective.Goals],
            SuccessCriteria = [.. objective.SuccessCriteria],
            Constraints = [.. objective.Constraints],
            Context = objective.Context,
        };
    }

    /// <summary>
    /// Sets what a resume gives over what the run was submitted with, field by field as a local resume does (a token
    /// budget keeps the submitted cost budget and prices), so that every later session of the run, the watchdog's
    /// after a silo died included, runs with it.
    /// </summary>
    public void Override(TeamBot.Execution.RunOverrides overrides)
    {
        System.ArgumentNullException.ThrowIfNull(overrides);
        TimeBudget = overrides.TimeBudget ?? TimeBudget;
        MaxConcurrency = overrides.MaxConcurrency ?? MaxConcurrency;
        SkipOptionalStages = overrides.SkipOptionalStages ?? SkipOptionalStages;
        TokenBudget = overrides.Budget?.Tokens ?? TokenBudget;
        CostBudget = overrides.Budget?.Cost ?? CostBudget;
        Prices = overrides.Budget is { Prices.IsDefaultOrEmpty: false } budget ? PriceTuples.Of(budget) : Prices;
    }

    /// <summary>Gets the objective this submission records.</summary>
    public Objective ToObjective() => new()
    {
        Title = Title,
        FeatureName = FeatureName,
        SourcePath = SourcePath,
        Goals = [.. Goals],
        SuccessCriteria = [.. SuccessCriteria],
        Constraints = [.. Constraints],
        Context = Context,
    };
}
