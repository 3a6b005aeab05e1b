using System;

using TeamBot.Rules;

namespace TeamBot.Execution;

/// <summary>
/// Progress of a run, reported through <see cref="IProgress{T}"/>. Each start, completion or failure is reported
/// exactly once, in the order it happened.
/// </summary>
/// <param name="Kind">What happened.</param>
/// <param name="Timestamp">When, from the runner's <see cref="TimeProvider"/>.</param>
/// <param name="Stage">The stage's persisted name, when the event is about a stage or group member.</param>
/// <param name="Group">The parallel group's name, when the event is about a group or one of its members.</param>
/// <param name="Iteration">The review iteration or acceptance-test run, from 1.</param>
/// <param name="Detail">A short description: an error, a verdict, a test summary, a group's members.</param>
public sealed record WorkflowEvent(WorkflowEventKind Kind, DateTimeOffset Timestamp, string? Stage = null, string? Group = null, int? Iteration = null, string? Detail = null)
{
    /// <summary>
    /// Gets the agent: the one that streamed or called a tool (<see cref="WorkflowEventKind.AgentStreamed"/>,
    /// <see cref="WorkflowEventKind.ToolCalled"/>), or a group member's work agent (<see cref="WorkflowEventKind.MemberStarted"/>,
    /// <see cref="WorkflowEventKind.MemberCompleted"/>, <see cref="WorkflowEventKind.MemberFailed"/>).
    /// </summary>
    public string? Agent { get; init; }

    /// <summary>
    /// Gets whether every member of the group succeeded: <see langword="true"/> on <see cref="WorkflowEventKind.GroupCompleted"/>,
    /// <see langword="false"/> on <see cref="WorkflowEventKind.GroupFailed"/>, else <see langword="null"/>.
    /// </summary>
    public bool? AllSucceeded { get; init; }

    /// <summary>Gets how the run ended, on <see cref="WorkflowEventKind.RunCompleted"/> and <see cref="WorkflowEventKind.RunStopped"/>.</summary>
    public RunStatus? Status { get; init; }

    /// <summary>
    /// Gets the run's time over all its sessions, on <see cref="WorkflowEventKind.RunCompleted"/> and
    /// <see cref="WorkflowEventKind.RunStopped"/>.
    /// </summary>
    public TimeSpan? Elapsed { get; init; }

    /// <summary>Gets the tokens of the agent call that answered, on <see cref="WorkflowEventKind.TokensUsed"/>.</summary>
    public TokenUsage? Tokens { get; init; }

    /// <inheritdoc/>
    public override string ToString() =>
        $"{Kind}{(Stage is null ? "" : " " + Stage)}{(Group is null ? "" : " [" + Group + "]")}{(Iteration is null ? "" : " #" + Iteration)}{(Agent is null ? "" : " " + Agent)}{(Detail is null ? "" : ": " + Detail)}";
}
