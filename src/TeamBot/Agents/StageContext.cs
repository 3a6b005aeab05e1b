using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using TeamBot.AcceptanceTests;
using TeamBot.Definitions;
using TeamBot.Objectives;

namespace TeamBot.Agents;

/// <summary>Everything an agent gets for one piece of work: what the Python TeamBot put in its prompt, as data.</summary>
public sealed record StageContext
{
    /// <summary>Gets the stage's persisted name (for example <c>SPEC_REVIEW</c>).</summary>
    public required string Stage { get; init; }

    /// <summary>
    /// Gets the stage as a value of the workflow's generated stage enum; read it typed with <see cref="GetStage{TStage}"/>.
    /// <see langword="null"/> only in a context built by hand without it.
    /// </summary>
    public Enum? StageValue { get; init; }

    /// <summary>Gets the stage's display name.</summary>
    public required string StageName { get; init; }

    /// <summary>Gets the stage's description.</summary>
    public string Description { get; init; } = "";

    /// <summary>Gets the stage's compiled-in prompt template, if any.</summary>
    public string? PromptTemplate { get; init; }

    /// <summary>Gets the objective, when the stage includes it (<c>include_objective</c>).</summary>
    public Objective? Objective { get; init; }

    /// <summary>Gets the folder the team works in.</summary>
    public required string WorkingDirectory { get; init; }

    /// <summary>Gets the folder the stage's artifacts are written to.</summary>
    public required string ArtifactsDirectory { get; init; }

    /// <summary>Gets the artifacts the stage must produce, relative to <see cref="ArtifactsDirectory"/>.</summary>
    public ImmutableArray<string> RequiredArtifacts { get; init; } = [];

    /// <summary>Gets the stage's exit criteria.</summary>
    public ImmutableArray<string> ExitCriteria { get; init; } = [];

    /// <summary>Gets the personas allowed in the stage.</summary>
    public ImmutableArray<string> AllowedPersonas { get; init; } = [];

    /// <summary>Gets the outputs of the stages completed so far, by persisted name, in stage order.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> PriorOutputs { get; init; } = [];

    /// <summary>Gets the work under review, for review stages.</summary>
    public string? WorkToReview { get; init; }

    /// <summary>Gets the reviewer's feedback on the previous iteration, after a rejection.</summary>
    public string? ReviewFeedback { get; init; }

    /// <summary>Gets the previous iteration's work, after a rejection.</summary>
    public string? PreviousAttempt { get; init; }

    /// <summary>Gets the review iteration or acceptance-test run, from 1.</summary>
    public int Iteration { get; init; } = 1;

    /// <summary>Gets the acceptance-test scenarios, for acceptance-test stages.</summary>
    public ImmutableArray<AcceptanceScenario> Scenarios { get; init; } = [];

    /// <summary>Gets the report of the failed acceptance-test run to fix.</summary>
    public string? AcceptanceFailures { get; init; }

    /// <summary>Gets what the stage lets its agents do in the workspace; <see langword="null"/>: no workspace tools.</summary>
    public StagePermissions? Permissions { get; init; }

    /// <summary>
    /// Gets the most tokens (input and output) the call may use, the stage's <c>max_tokens_per_call</c>; an LLM agent
    /// asks its model for no more output than this. A call that reports more fails its stage. <see langword="null"/>: no limit.
    /// </summary>
    public int? MaxTokensPerCall { get; init; }

    /// <summary>Gets the stage as the workflow's generated stage enum, for example <c>context.GetStage&lt;Stage&gt;() == Stage.Plan</c>.</summary>
    /// <typeparam name="TStage">The generated stage enum of the workflow that runs the agent.</typeparam>
    /// <returns>The stage.</returns>
    /// <exception cref="InvalidOperationException">The context is another workflow's, or was built without <see cref="StageValue"/>.</exception>
    public TStage GetStage<TStage>()
        where TStage : struct, Enum => StageValue switch
        {
            TStage stage => stage,
            null => throw new InvalidOperationException($"The context of stage '{Stage}' carries no stage value: it was built without {nameof(StageValue)}."),
            Enum other => throw new InvalidOperationException($"Stage '{Stage}' is a {other.GetType().Name} of another workflow, not a {typeof(TStage).Name}."),
        };
}
