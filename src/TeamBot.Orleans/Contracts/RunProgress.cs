using System;
using System.Collections.Generic;
using Orleans;
using TeamBot.Execution;
using TeamBot.Rules;

namespace TeamBot.Orleans.Contracts;

/// <summary>A run's progress as its grain reports it: status and the events after a given one.</summary>
[GenerateSerializer]
public sealed class RunProgress
{
    /// <summary>Gets or sets the run id.</summary>
    [Id(0)]
    public string RunId { get; set; } = "";

    /// <summary>Gets or sets a value indicating whether the cluster has a run with this id.</summary>
    [Id(1)]
    public bool Exists { get; set; }

    /// <summary>Gets or sets the run's status.</summary>
    [Id(2)]
    public RunStatus Status { get; set; }

    /// <summary>Gets or sets the stage that runs now or ran last.</summary>
    [Id(3)]
    public string? CurrentStage { get; set; }

    /// <summary>Gets or sets the stages completed, in the order they completed.</summary>
    [Id(4)]
    public List<string> CompletedStages { get; set; } = [];

    /// <summary>Gets or sets why the run stopped, when it failed.</summary>
    [Id(5)]
    public string? Error { get; set; }

    /// <summary>
    /// Gets or sets the session whose events these are. It changes when the run moves to another silo or is resumed,
    /// and the events of the new session are numbered from 0 again.
    /// </summary>
    [Id(6)]
    internal Guid Session { get; set; }

    /// <summary>Gets or sets the events of this session from the index asked for.</summary>
    [Id(7)]
    public List<WorkflowEvent> Events { get; set; } = [];

    /// <summary>Gets or sets the index to ask from next time.</summary>
    [Id(8)]
    internal int NextEvent { get; set; }

    /// <summary>Gets or sets the time the run has taken over all its sessions, as of its last save or end.</summary>
    [Id(9)]
    public TimeSpan Elapsed { get; set; }

    /// <summary>Gets or sets the input tokens the run's kept calls used, as of its last save or end.</summary>
    [Id(10)]
    public long InputTokens { get; set; }

    /// <summary>Gets or sets the output tokens the run's kept calls used, as of its last save or end.</summary>
    [Id(11)]
    public long OutputTokens { get; set; }

    /// <summary>Gets or sets the tokens the run's kept calls used, as of its last save or end.</summary>
    [Id(12)]
    public long TotalTokens { get; set; }

    /// <summary>Gets a value indicating whether the run has ended.</summary>
    public bool IsFinished => Exists && Status != RunStatus.InProgress;

    /// <summary>Gets how the run ended, as a local run reports it; the cluster keeps stage outputs with the run, not here.</summary>
    /// <param name="stateLocation">Where the run's state is, for messages.</param>
    /// <param name="runDirectory">Where the run's artifacts are, for messages.</param>
    public WorkflowResult ToResult(string stateLocation, string runDirectory) =>
        new(Status, Error, [.. CompletedStages], System.Collections.Immutable.ImmutableDictionary<string, string>.Empty, Elapsed, stateLocation, runDirectory)
        {
            Usage = new TokenUsage(InputTokens, OutputTokens, TotalTokens),
        };
}
