using System;
using System.Collections.Immutable;

namespace TeamBot.Rules;

/// <summary>Something that happened to a run; the input of <see cref="ExecutionRules{TStage}.Decide"/>.</summary>
/// <typeparam name="TStage">The generated stage enum.</typeparam>
public abstract record ExecutionEvent<TStage>
    where TStage : struct, Enum
{
    private protected ExecutionEvent()
    {
    }

    /// <summary>Gets the tool calls the agents made for the work this event reports, in order; recorded with its result.</summary>
    public ImmutableArray<ToolCall> ToolCalls { get; init; } = [];

    /// <summary>Gets the tokens each agent call of the work this event reports used; recorded with its result.</summary>
    public ImmutableArray<AgentUsage> Usage { get; init; } = [];
}

/// <summary>The run starts, or resumes from its saved state.</summary>
/// <param name="TimeBudgetExhausted">Whether the run's time budget was already spent when it resumed.</param>
public sealed record RunStarted<TStage>(bool TimeBudgetExhausted = false) : ExecutionEvent<TStage>
    where TStage : struct, Enum;

/// <summary>A stage's work (or a group member's) finished with an output.</summary>
public sealed record StageSucceeded<TStage>(TStage Stage, string Output) : ExecutionEvent<TStage>
    where TStage : struct, Enum;

/// <summary>A stage's work (or a group member's) failed.</summary>
/// <param name="Stage">The stage.</param>
/// <param name="Error">Why.</param>
/// <param name="TimedOut">Whether the stage's time limit ran out.</param>
public sealed record StageFailed<TStage>(TStage Stage, string Error, bool TimedOut = false) : ExecutionEvent<TStage>
    where TStage : struct, Enum;

/// <summary>The work agent of a review stage produced an iteration's work.</summary>
public sealed record ReviewWorkDone<TStage>(TStage Stage, int Iteration, string Work) : ExecutionEvent<TStage>
    where TStage : struct, Enum;

/// <summary>The reviewer answered an iteration.</summary>
public sealed record ReviewVerdictGiven<TStage>(TStage Stage, int Iteration, bool Approved, string Review) : ExecutionEvent<TStage>
    where TStage : struct, Enum;

/// <summary>An acceptance-test run finished.</summary>
/// <param name="Stage">The acceptance-test stage.</param>
/// <param name="Iteration">The run, from 1.</param>
/// <param name="Passed">Scenarios that passed.</param>
/// <param name="Failed">Scenarios that failed or were skipped.</param>
/// <param name="Total">Scenarios in the spec; 0 when the spec has none.</param>
/// <param name="Report">The run's report, with each failure, for the fix.</param>
public sealed record AcceptanceTestsRan<TStage>(TStage Stage, int Iteration, int Passed, int Failed, int Total, string Report) : ExecutionEvent<TStage>
    where TStage : struct, Enum;

/// <summary>The work agent applied a fix for an acceptance-test run's failures.</summary>
public sealed record AcceptanceFixApplied<TStage>(TStage Stage, int Iteration, string Summary) : ExecutionEvent<TStage>
    where TStage : struct, Enum;

/// <summary>The run's time budget ran out.</summary>
public sealed record TimeBudgetExhausted<TStage> : ExecutionEvent<TStage>
    where TStage : struct, Enum;

/// <summary>The run's token or cost budget would be exceeded by the next agent call, which was not made.</summary>
/// <param name="Reason">What the budget is, what was used and what the call could use.</param>
public sealed record BudgetExhausted<TStage>(string Reason) : ExecutionEvent<TStage>
    where TStage : struct, Enum;

/// <summary>The caller cancelled the run.</summary>
public sealed record RunCancelled<TStage> : ExecutionEvent<TStage>
    where TStage : struct, Enum;
