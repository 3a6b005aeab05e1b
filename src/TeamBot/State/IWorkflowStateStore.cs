using System;
using System.Threading;
using System.Threading.Tasks;

namespace TeamBot.State;

/// <summary>Where a run's state lives between sessions.</summary>
public interface IWorkflowStateStore
{
    /// <summary>Gets a description of where the state is, for messages (a file path, a grain id).</summary>
    string Location { get; }

    /// <summary>Loads the saved state.</summary>
    /// <returns>The state, or <see langword="null"/> when none was saved.</returns>
    /// <exception cref="WorkflowStateException">The saved state is unreadable or corrupt; it is left as it is.</exception>
    ValueTask<OrchestrationStateDocument?> LoadAsync(CancellationToken cancellationToken);

    /// <summary>Saves the state so that a crash at any instant leaves either the previous or this state.</summary>
    ValueTask SaveAsync(OrchestrationStateDocument state, CancellationToken cancellationToken);

    /// <summary>Claims the run for this process until the returned object is disposed.</summary>
    /// <exception cref="WorkflowStateLockedException">Another process holds it.</exception>
    IDisposable Lock();
}
