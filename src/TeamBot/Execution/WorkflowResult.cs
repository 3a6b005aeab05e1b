using System;
using System.Collections.Generic;
using System.Collections.Immutable;

using TeamBot.Rules;

namespace TeamBot.Execution;

/// <summary>How a run ended.</summary>
/// <param name="Status">The final status.</param>
/// <param name="Error">Why it stopped, when it did not complete.</param>
/// <param name="CompletedStages">The completed stages' persisted names, in stage order.</param>
/// <param name="Outputs">Each stage's output by persisted name.</param>
/// <param name="Elapsed">The time the run has taken over all its sessions.</param>
/// <param name="StateLocation">Where the state was saved.</param>
/// <param name="RunDirectory">The run's folder, with its artifacts and failure reports.</param>
public sealed record WorkflowResult(
    RunStatus Status,
    string? Error,
    ImmutableArray<string> CompletedStages,
    IReadOnlyDictionary<string, string> Outputs,
    TimeSpan Elapsed,
    string StateLocation,
    string RunDirectory)
{
    /// <summary>Gets a value indicating whether every stage completed.</summary>
    public bool Succeeded => Status == RunStatus.Complete;

    /// <summary>Gets the tokens the run's agents used over all its sessions (the calls whose results it kept).</summary>
    public TokenUsage Usage { get; init; }
}
