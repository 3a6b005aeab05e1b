using System;
using System.Collections.Generic;
using Orleans;

namespace TeamBot.Orleans.Contracts;

/// <summary>A run's progress as its grain reports it: status and the events after a given one.</summary>
[GenerateSerializer]
public sealed class RunProgress
{
    /// <summary>Gets or sets the run id.</summary>
    [Id(0)]
    public string RunId { get; set; } = "";

    /// <summary>Gets or sets the status, as in the state file (<c>in_progress</c>, <c>complete</c>...).</summary>
    [Id(1)]
    public string Status { get; set; } = "";

    /// <summary>Gets or sets the stage that runs now or ran last.</summary>
    [Id(2)]
    public string? CurrentStage { get; set; }

    /// <summary>Gets or sets the stages completed.</summary>
    [Id(3)]
    public List<string> CompletedStages { get; set; } = [];

    /// <summary>Gets or sets why the run stopped, when it failed.</summary>
    [Id(4)]
    public string? Error { get; set; }

    /// <summary>Gets or sets the activation that reports; it changes when the run moves to another silo.</summary>
    [Id(5)]
    public Guid Activation { get; set; }

    /// <summary>Gets or sets the events of this activation from the index asked for.</summary>
    [Id(6)]
    public List<ProgressEvent> Events { get; set; } = [];

    /// <summary>Gets or sets the index to ask from next time.</summary>
    [Id(7)]
    public int NextEvent { get; set; }

    /// <summary>Gets a value indicating whether the run has ended.</summary>
    public bool IsFinished => Status is not ("in_progress" or "");
}

/// <summary>One of a run's progress events, as <see cref="Execution.WorkflowEvent"/> has it.</summary>
[GenerateSerializer]
public sealed class ProgressEvent
{
    /// <summary>Gets or sets the kind, a <see cref="Execution.WorkflowEventKind"/> name.</summary>
    [Id(0)]
    public string Kind { get; set; } = "";

    /// <summary>Gets or sets when it happened.</summary>
    [Id(1)]
    public DateTimeOffset Timestamp { get; set; }

    /// <summary>Gets or sets the stage.</summary>
    [Id(2)]
    public string? Stage { get; set; }

    /// <summary>Gets or sets the group.</summary>
    [Id(3)]
    public string? Group { get; set; }

    /// <summary>Gets or sets the iteration.</summary>
    [Id(4)]
    public int? Iteration { get; set; }

    /// <summary>Gets or sets the detail.</summary>
    [Id(5)]
    public string? Detail { get; set; }

    /// <summary>Gets the workflow event this records.</summary>
    public Execution.WorkflowEvent ToWorkflowEvent() =>
        new(Enum.Parse<Execution.WorkflowEventKind>(Kind), Timestamp, Stage, Group, Iteration, Detail);
}
