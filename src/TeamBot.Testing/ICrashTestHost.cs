using System;
using System.Threading;
using System.Threading.Tasks;
using TeamBot.State;

namespace TeamBot.Testing;

/// <summary>
/// Where the crash matrix runs a workflow: in this process (<see cref="LocalCrashTestHost{TStage}"/>), or on any host
/// that runs the same driver and keeps the state where it likes.
/// </summary>
/// <typeparam name="TStage">The generated stage enum.</typeparam>
public interface ICrashTestHost<TStage>
    where TStage : struct, Enum
{
    /// <summary>Runs one session of the trial's run with its agents and clock, every write through <see cref="CrashTrial.Wrap"/>.</summary>
    /// <param name="trial">The run.</param>
    /// <param name="hasSavedState">Whether the run has saved state to resume; otherwise it starts.</param>
    /// <param name="cancellationToken">Cancels the run, as Ctrl+C would.</param>
    /// <returns>A task that ends with the session: normally when the run finished, with
    /// <see cref="OperationCanceledException"/> when it was cancelled, with <see cref="SimulatedCrashException"/> when it
    /// crashed.</returns>
    Task RunSessionAsync(CrashTrial trial, bool hasSavedState, CancellationToken cancellationToken);

    /// <summary>Opens the run's state as a resume would read it, after its sessions are over.</summary>
    IWorkflowStateStore OpenStore(CrashTrial trial);

    /// <summary>Gets the run's folder (its <c>artifacts/</c> and <c>failures/</c>).</summary>
    string GetRunDirectory(CrashTrial trial);

    /// <summary>Gets the run's own workspace, whose files the matrix compares too; <see langword="null"/> when the
    /// host's runs share one (their workspace writes are then not compared).</summary>
    string? GetWorkspace(CrashTrial trial) => null;
}
