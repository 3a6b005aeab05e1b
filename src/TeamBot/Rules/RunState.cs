using System;
using System.Collections.Immutable;

namespace TeamBot.Rules;

/// <summary>
/// Everything the execution rules know about a run. Immutable: <see cref="ExecutionRules{TStage}.Decide"/> returns a new
/// state, so any state can be saved, compared and replayed.
/// </summary>
/// <typeparam name="TStage">The generated stage enum.</typeparam>
public sealed record RunState<TStage>
    where TStage : struct, Enum
{
    /// <summary>Gets the run's status.</summary>
    public RunStatus Status { get; init; } = RunStatus.InProgress;

    /// <summary>Gets the stage that runs now or ran last; for a parallel group, its first member.</summary>
    public TStage? CurrentStage { get; init; }

    /// <summary>Gets the stages whose work is done; they never run again.</summary>
    public ImmutableHashSet<TStage> Completed { get; init; } = [];

    /// <summary>Gets each stage's output.</summary>
    public ImmutableDictionary<TStage, string> Outputs { get; init; } = ImmutableDictionary<TStage, string>.Empty;

    /// <summary>Gets the members' status of each parallel group that has started, by group name.</summary>
    public ImmutableDictionary<string, GroupState<TStage>> Groups { get; init; } =
        ImmutableDictionary<string, GroupState<TStage>>.Empty;

    /// <summary>Gets the number of review iterations each review stage has finished.</summary>
    public ImmutableDictionary<TStage, int> ReviewIterations { get; init; } = ImmutableDictionary<TStage, int>.Empty;

    /// <summary>Gets the attempts of the review stage under way, for its feedback and its failure report.</summary>
    public ImmutableList<ReviewAttempt> ReviewAttempts { get; init; } = [];

    /// <summary>Gets the acceptance tests' progress.</summary>
    public AcceptanceState Acceptance { get; init; } = new();

    /// <summary>Gets the tool calls each stage's agents made, in the order their results were recorded.</summary>
    public ImmutableDictionary<TStage, ImmutableList<ToolCall>> ToolCalls { get; init; } =
        ImmutableDictionary<TStage, ImmutableList<ToolCall>>.Empty;

    /// <summary>
    /// Gets the tokens each stage's agents used, one line per stage, agent and model, in stage order: only calls whose
    /// results the run kept, so a resumed run counts exactly what a run that never stopped counts.
    /// </summary>
    public ImmutableList<UsageLine<TStage>> Usage { get; init; } = [];

    /// <summary>Gets why the run stopped, when it failed.</summary>
    public string? Error { get; init; }

    /// <summary>Gets a value indicating whether the run has ended (successfully or not).</summary>
    public bool IsFinished => Status != RunStatus.InProgress;

    /// <summary>Gets the tokens the run's agents used so far, over all its stages.</summary>
    public TokenUsage TotalUsage
    {
        get
        {
            TokenUsage total = TokenUsage.Zero;
            foreach (UsageLine<TStage> line in Usage)
            {
                total += line.Tokens;
            }

            return total;
        }
    }
}

/// <summary>A parallel-group member's status and, when it failed, why.</summary>
/// <param name="Status">The status.</param>
/// <param name="Error">The error, for a failed member.</param>
public readonly record struct MemberState(MemberStatus Status, string? Error);

/// <summary>One iteration of a review loop: the revised work and the reviewer's answer.</summary>
/// <param name="Iteration">The iteration, from 1.</param>
/// <param name="Work">The work agent's output.</param>
/// <param name="Review">The reviewer's output, once given.</param>
/// <param name="Approved">Whether the reviewer approved.</param>
public sealed record ReviewAttempt(int Iteration, string Work, string? Review, bool Approved);

/// <summary>The acceptance tests' progress: runs so far, whether they passed, and each run's results.</summary>
public sealed record AcceptanceState
{
    /// <summary>Gets the number of test runs so far.</summary>
    public int Iterations { get; init; }

    /// <summary>Gets a value indicating whether the last run passed every scenario.</summary>
    public bool Passed { get; init; }

    /// <summary>Gets one entry per run.</summary>
    public ImmutableList<AcceptanceRun> History { get; init; } = [];

    /// <summary>Gets the summary line of the last run.</summary>
    public string? Summary { get; init; }
}

/// <summary>The result of one acceptance-test run and the fix that followed it, if any.</summary>
/// <param name="Iteration">The run, from 1.</param>
/// <param name="Passed">Scenarios that passed.</param>
/// <param name="Failed">Scenarios that failed or were skipped (a skipped scenario is not a pass).</param>
/// <param name="Total">Scenarios in the spec.</param>
/// <param name="FixApplied">Whether a fix was applied after this run.</param>
/// <param name="FixSummary">What the fix did.</param>
public sealed record AcceptanceRun(int Iteration, int Passed, int Failed, int Total, bool FixApplied = false, string? FixSummary = null)
{
    /// <summary>Gets the run's report, with each failure: what its fix works from, also when the fix comes after a resume.</summary>
    public string? Report { get; init; }

    /// <summary>Gets a value indicating whether every scenario passed.</summary>
    public bool AllPassed => Total > 0 && Passed == Total && Failed == 0;
}
