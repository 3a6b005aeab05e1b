using System.Threading.Tasks;
using Orleans;
using TeamBot.Agents;

namespace TeamBot.Orleans.Grains;

/// <summary>
/// Where a worker sends its agent's activity: an object on the run grain's silo that passes it to the driver's
/// <see cref="AgentRequest.Activity"/>, for the live view. One per attempt at a call.
/// </summary>
internal interface IAgentActivityObserver : IGrainObserver
{
    /// <summary>
    /// Passes on what the agent did since the last batch, in order. Awaited rather than one-way: Orleans does not promise
    /// that messages arrive in the order sent, and the worker sends the next batch, and its answer, only once this one
    /// was taken. The short timeout bounds how long a run silo that died unnoticed can hold the call's answer back.
    /// </summary>
    /// <param name="batch">The activity, consecutive text deltas joined.</param>
    [ResponseTimeout("00:00:10")]
    Task ReportAsync(AgentActivity[] batch);
}
