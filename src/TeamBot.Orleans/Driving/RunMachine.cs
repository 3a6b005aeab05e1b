using System.Collections.Generic;
using TeamBot.Orleans.Contracts;
using TeamBot.State;

namespace TeamBot.Orleans.Driving;

/// <summary>
/// One run's rules state inside its grain, with the stage type erased so that the grain need not be generic. It only
/// feeds events to <see cref="Execution.ExecutionRules{TStage}"/> and translates the commands: no rule lives here.
/// </summary>
internal abstract class RunMachine
{
    /// <summary>The run starts or resumes (<see cref="Execution.RunStarted{TStage}"/>).</summary>
    public abstract MachineStep Start();

    /// <summary>A worker reported an event.</summary>
    public abstract MachineStep Apply(JournalEntry entry);

    /// <summary>Status, stage and completed stages, for progress reports.</summary>
    public abstract RunProgress Describe();
}

/// <summary>What the grain must do after a decision, in order: record the events, save, hand out the work.</summary>
internal sealed class MachineStep
{
    public List<ProgressEvent> Events { get; } = [];

    public List<WorkItem> Work { get; } = [];

    /// <summary>Gets the concurrency of each group whose members are in <see cref="Work"/>.</summary>
    public Dictionary<string, int> GroupConcurrency { get; } = [];

    public List<(string Stage, IReadOnlyList<Execution.ReviewAttempt> Attempts)> FailureReports { get; } = [];

    /// <summary>Gets or sets the state to save, as the state file holds it; <see langword="null"/> when the rules asked for no save.</summary>
    public OrchestrationStateDocument? Snapshot { get; set; }

    public bool Finished { get; set; }
}
