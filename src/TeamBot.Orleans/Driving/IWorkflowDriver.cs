using System.Threading;
using System.Threading.Tasks;
using TeamBot.Orleans.Contracts;
using TeamBot.State;

namespace TeamBot.Orleans.Driving;

/// <summary>The compiled workflow a silo runs, with its agents: opens run machines and carries out agent work.</summary>
internal interface IWorkflowDriver
{
    /// <summary>Gets the workflow's name.</summary>
    string WorkflowName { get; }

    /// <summary>Gets the folder under which each run keeps its artifacts.</summary>
    string RunsDirectory { get; }

    /// <summary>Opens a run from its saved state, or a new one.</summary>
    RunMachine Open(string runId, RunSubmission submission, OrchestrationStateDocument? saved);

    /// <summary>Runs one piece of agent work and returns the event it produced; an agent's failure is a <c>stage_failed</c> event.</summary>
    Task<JournalEntry> RunWorkAsync(WorkItem item, CancellationToken cancellationToken);
}
