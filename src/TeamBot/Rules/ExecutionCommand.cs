using System;
using System.Collections.Immutable;
using TeamBot.Definitions;

namespace TeamBot.Rules;

/// <summary>What the rules ask the runner to do; the output of <see cref="ExecutionRules{TStage}.Decide"/>.</summary>
/// <typeparam name="TStage">The generated stage enum.</typeparam>
public abstract record ExecutionCommand<TStage>
    where TStage : struct, Enum
{
    private protected ExecutionCommand()
    {
    }
}

/// <summary>
/// A command that calls agents; the driver's agent work carries it out and answers with the event each one names.
/// </summary>
/// <typeparam name="TStage">The generated stage enum.</typeparam>
public abstract record AgentCommand<TStage> : ExecutionCommand<TStage>
    where TStage : struct, Enum
{
    private protected AgentCommand(TStage stage) => Stage = stage;

    /// <summary>Gets the stage whose agents do the work.</summary>
    public TStage Stage { get; }
}

/// <summary>Run a stage's work; answer with <see cref="StageSucceeded{TStage}"/> or <see cref="StageFailed{TStage}"/>.</summary>
public sealed record RunStageWork<TStage>(TStage Stage) : AgentCommand<TStage>(Stage)
    where TStage : struct, Enum;

/// <summary>
/// Run these members of a group concurrently, at most <see cref="ParallelGroupDescriptor{TStage}.MaxConcurrency"/> at a
/// time, with no early cancellation; answer each with <see cref="StageSucceeded{TStage}"/> or <see cref="StageFailed{TStage}"/>.
/// </summary>
public sealed record RunGroupMembers<TStage>(ParallelGroupDescriptor<TStage> Group, ImmutableArray<TStage> Members) : ExecutionCommand<TStage>
    where TStage : struct, Enum;

/// <summary>Run a review stage's work agent; answer with <see cref="ReviewWorkDone{TStage}"/>.</summary>
/// <param name="Stage">The review stage.</param>
/// <param name="Iteration">The iteration, from 1.</param>
/// <param name="Feedback">The reviewer's last feedback, after a rejection.</param>
/// <param name="PreviousAttempt">The work the reviewer rejected.</param>
public sealed record RunReviewWork<TStage>(TStage Stage, int Iteration, string? Feedback, string? PreviousAttempt) : AgentCommand<TStage>(Stage)
    where TStage : struct, Enum;

/// <summary>Run a review stage's reviewer on an iteration's work; answer with <see cref="ReviewVerdictGiven{TStage}"/>.</summary>
public sealed record RunReview<TStage>(TStage Stage, int Iteration, string Work) : AgentCommand<TStage>(Stage)
    where TStage : struct, Enum;

/// <summary>Run the acceptance-test scenarios; answer with <see cref="AcceptanceTestsRan{TStage}"/>.</summary>
public sealed record RunAcceptanceTests<TStage>(TStage Stage, int Iteration) : AgentCommand<TStage>(Stage)
    where TStage : struct, Enum;

/// <summary>Have the work agent fix an acceptance-test run's failures; answer with <see cref="AcceptanceFixApplied{TStage}"/>.</summary>
public sealed record FixAcceptanceFailures<TStage>(TStage Stage, int Iteration, string Report) : AgentCommand<TStage>(Stage)
    where TStage : struct, Enum
{
    /// <summary>
    /// Gets a value indicating whether the run found no scenarios at all: then the fix is the spec's, and its owner
    /// (the agent of the stage that writes it) is asked to add them.
    /// </summary>
    public bool MissingScenarios { get; init; }
}

/// <summary>Save the state durably before doing anything else.</summary>
public sealed record SaveState<TStage> : ExecutionCommand<TStage>
    where TStage : struct, Enum;

/// <summary>Write the report of a review loop that ran out of iterations.</summary>
public sealed record WriteReviewFailureReport<TStage>(TStage Stage, ImmutableList<ReviewAttempt> Attempts) : ExecutionCommand<TStage>
    where TStage : struct, Enum
{
    /// <summary>
    /// Gets which round of the loop failed, from 1: each resume of a failed loop starts a round of its own, and its
    /// failure gets a report of its own.
    /// </summary>
    public int Round { get; init; } = 1;
}

/// <summary>Tell the caller's progress listener.</summary>
public sealed record Notify<TStage>(WorkflowEventKind Kind, TStage? Stage = null, string? Group = null, int? Iteration = null, string? Detail = null) : ExecutionCommand<TStage>
    where TStage : struct, Enum;

/// <summary>The run has ended with <see cref="RunState{TStage}.Status"/>; nothing more will be asked.</summary>
public sealed record FinishRun<TStage> : ExecutionCommand<TStage>
    where TStage : struct, Enum;
