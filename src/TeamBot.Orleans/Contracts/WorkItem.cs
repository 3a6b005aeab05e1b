using Orleans;

namespace TeamBot.Orleans.Contracts;

/// <summary>One piece of agent work a run grain hands to a worker grain: a command of the rules, as plain data.</summary>
[GenerateSerializer]
public sealed class WorkItem
{
    /// <summary>Gets or sets the run.</summary>
    [Id(0)]
    public string RunId { get; set; } = "";

    /// <summary>Gets or sets the command: <c>work</c>, <c>review_work</c>, <c>review</c>, <c>acceptance_tests</c> or <c>fix</c>.</summary>
    [Id(1)]
    public string Kind { get; set; } = "";

    /// <summary>Gets or sets the stage's persisted name.</summary>
    [Id(2)]
    public string Stage { get; set; } = "";

    /// <summary>Gets or sets the review iteration or acceptance-test run.</summary>
    [Id(3)]
    public int Iteration { get; set; }

    /// <summary>Gets or sets the command's first text: feedback, work to review, or the failures to fix.</summary>
    [Id(4)]
    public string? Text { get; set; }

    /// <summary>Gets or sets the command's second text: the previous attempt of a review iteration.</summary>
    [Id(5)]
    public string? SecondText { get; set; }

    /// <summary>Gets or sets the run's state when the work was handed out, in the state file's JSON, for the agents' context.</summary>
    [Id(6)]
    public byte[] StateJson { get; set; } = [];

    /// <summary>Gets or sets the objective.</summary>
    [Id(7)]
    public RunSubmission Submission { get; set; } = new();

    /// <summary>Gets or sets the parallel group the stage runs in, if any.</summary>
    [Id(8)]
    public string? Group { get; set; }
}
