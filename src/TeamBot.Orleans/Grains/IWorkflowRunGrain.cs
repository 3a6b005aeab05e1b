using System.Threading.Tasks;
using Orleans;
using TeamBot.Orleans.Contracts;

namespace TeamBot.Orleans.Grains;

/// <summary>One workflow run, keyed by its run id: drives the rules, saves the state, hands work to worker grains.</summary>
public interface IWorkflowRunGrain : IGrainWithStringKey
{
    /// <summary>Starts the run; submitting the same run again does nothing, so a client may retry.</summary>
    /// <returns><see langword="true"/> when this call started it.</returns>
    Task<bool> SubmitAsync(RunSubmission submission);

    /// <summary>Reports the status and the progress events after <paramref name="fromEvent"/>; activates the run if its silo died.</summary>
    Task<RunProgress> GetProgressAsync(int fromEvent);
}
