using System;
using System.Collections.Immutable;

namespace TeamBot.Definitions;

/// <summary>An immutable description of one workflow stage, generated from <c>stages.yaml</c>.</summary>
/// <typeparam name="TStage">The generated stage enum.</typeparam>
public sealed class StageDescriptor<TStage>
    where TStage : struct, Enum
{
    /// <summary>Gets the stage.</summary>
    public required TStage Stage { get; init; }

    /// <summary>Gets the stage's persisted name: its key in <c>stages.yaml</c>, used in state files, events and logs.</summary>
    public required string Key { get; init; }

    /// <summary>Gets the human-readable name (<c>name</c>); the key when none is given.</summary>
    public required string Name { get; init; }

    /// <summary>Gets what the stage does (<c>description</c>).</summary>
    public string Description { get; init; } = "";

    /// <summary>Gets the agent that does the stage's work, or <see langword="null"/> for a stage without work.</summary>
    public string? WorkAgent { get; init; }

    /// <summary>Gets the agent that reviews the work, or <see langword="null"/>.</summary>
    public string? ReviewAgent { get; init; }

    /// <summary>Gets the personas allowed to act in this stage.</summary>
    public ImmutableArray<string> AllowedPersonas { get; init; } = [];

    /// <summary>Gets the artifacts the stage writes, as paths relative to the run's artifacts folder.</summary>
    public ImmutableArray<string> Artifacts { get; init; } = [];

    /// <summary>Gets the conditions the stage's output must meet.</summary>
    public ImmutableArray<string> ExitCriteria { get; init; } = [];

    /// <summary>Gets a value indicating whether the stage may be skipped.</summary>
    public bool IsOptional { get; init; }

    /// <summary>Gets a value indicating whether the stage reviews another stage's work.</summary>
    public bool IsReviewStage { get; init; }

    /// <summary>Gets a value indicating whether the stage runs the acceptance tests.</summary>
    public bool IsAcceptanceTestStage { get; init; }

    /// <summary>Gets a value indicating whether the stage may run only after the acceptance tests passed.</summary>
    public bool RequiresAcceptanceTestsPassed { get; init; }

    /// <summary>Gets a value indicating whether the objective is part of the stage's context.</summary>
    public bool IncludeObjective { get; init; } = true;

    /// <summary>Gets the path of the stage's prompt template as written in the workflow file, or <see langword="null"/>.</summary>
    public string? PromptTemplatePath { get; init; }

    /// <summary>Gets the text of the stage's prompt template, compiled in from <see cref="PromptTemplatePath"/>.</summary>
    /// <remarks>Templates are embedded at build time, so a run never reads template files.</remarks>
    public string? PromptTemplate { get; init; }

    /// <summary>Gets the agents that do the stage's work concurrently; empty when only <see cref="WorkAgent"/> does.</summary>
    public ImmutableArray<string> ParallelAgents { get; init; } = [];

    /// <summary>Gets the stage's time limit, or <see langword="null"/> for none.</summary>
    public TimeSpan? Timeout { get; init; }

    /// <summary>Gets the most review iterations of a review stage, or <see langword="null"/> for the executor's default.</summary>
    public int? MaxIterations { get; init; }

    /// <summary>Gets what the stage's agents may do in the workspace; <see langword="null"/> when they get no tools.</summary>
    public StagePermissions? Permissions { get; init; }

    /// <summary>
    /// Gets the most tokens (input and output) one agent call of this stage may use (<c>max_tokens_per_call</c>), or
    /// <see langword="null"/> for no limit.
    /// </summary>
    public int? MaxTokensPerCall { get; init; }

    /// <summary>
    /// Gets the most agent calls one pass through this stage can make, from its declared bounds: every review iteration
    /// rejected, every acceptance run failed and fixed, every parallel agent called. Computed at build time.
    /// </summary>
    public int WorstCaseCalls { get; init; }

    /// <summary>
    /// Gets the most tokens one pass through this stage can use (<see cref="WorstCaseCalls"/> times
    /// <see cref="MaxTokensPerCall"/>); 0 for a stage that calls no agent; <see langword="null"/> when a stage that calls
    /// agents declares no per-call limit.
    /// </summary>
    public long? WorstCaseTokens { get; init; }

    /// <summary>
    /// Gets the longest one pass through this stage can take (each of its sequential agent calls running to
    /// <see cref="Timeout"/>); zero for a stage that calls no agent; <see langword="null"/> when the stage has agents but no
    /// time limit.
    /// </summary>
    public TimeSpan? WorstCaseTime { get; init; }

    /// <inheritdoc/>
    public override string ToString() => Key;
}
