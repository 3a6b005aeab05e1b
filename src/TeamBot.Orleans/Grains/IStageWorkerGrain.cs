using System.Threading.Tasks;
using Orleans;
using TeamBot.Orleans.Contracts;

namespace TeamBot.Orleans.Grains;

/// <summary>Runs one piece of agent work on whichever silo it is placed; one activation per work item.</summary>
public interface IStageWorkerGrain : IGrainWithGuidKey
{
    /// <summary>Runs the work and returns the event it produced, as a journal line.</summary>
    Task<string> RunAsync(WorkItem item);
}
