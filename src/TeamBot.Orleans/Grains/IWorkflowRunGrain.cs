using System.Threading.Tasks;
using Orleans;
using TeamBot.Execution;
using TeamBot.Orleans.Contracts;

namespace TeamBot.Orleans.Grains;

/// <summary>One workflow run, keyed by its run id: hosts the run's driver, keeps its state, sends its agent calls to worker grains.</summary>
internal interface IWorkflowRunGrain : IGrainWithStringKey
{
    /// <summary>Starts the run; submitting the same run again does nothing, so a client may retry.</summary>
    /// <returns><see langword="true"/> when this call, or an earlier one with the same <see cref="RunSubmission.SubmissionId"/>, started it.</returns>
    Task<bool> SubmitAsync(RunSubmission submission);

    /// <summary>Reports the status and the progress events after <paramref name="fromEvent"/>; activates the run if its silo died.</summary>
    Task<RunProgress> GetProgressAsync(int fromEvent);

    /// <summary>
    /// Restarts the run from its saved state if it is unfinished and no session of it is running here: its silo died or
    /// stopped, or its session stopped on a failed save. The watchdog asks every unfinished run this, so that each
    /// continues within seconds whether or not an activation of it stayed in memory.
    /// </summary>
    /// <returns><see langword="true"/> when this call restarted it.</returns>
    Task<bool> WakeAsync();

    /// <summary>
    /// Cancels the run as Ctrl+C cancels a local one: agents are told, the state is saved as <c>cancelled</c>, and the
    /// run can be resumed later.
    /// </summary>
    /// <returns><see langword="true"/> when a session of the run was under way on this activation and was told to stop.</returns>
    Task<bool> CancelAsync();

    /// <summary>Continues a stopped run (failed, cancelled, out of time) where it stopped, as <c>teambot resume</c> does.</summary>
    /// <param name="runOverrides">What the run sets for itself from now on, field by field over what it was submitted with
    /// (a larger token budget, say); <see cref="RunOverrides.None"/> keeps what was saved.</param>
    /// <returns><see langword="true"/> when this call resumed it, or woke it on a new activation that resumed it (its silo
    /// had died; the saved budgets then stay); <see langword="false"/> when there is no such run or it is running.</returns>
    Task<bool> ResumeAsync(RunOverrides runOverrides);
}
