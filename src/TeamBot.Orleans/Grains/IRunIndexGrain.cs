using System.Collections.Generic;
using System.Threading.Tasks;
using Orleans;

namespace TeamBot.Orleans.Grains;

/// <summary>The cluster's list of runs (one grain, key <c>runs</c>), for <c>teambot status --cluster</c> and for waking runs after a failover.</summary>
internal interface IRunIndexGrain : IGrainWithStringKey
{
    /// <summary>Records a run.</summary>
    Task AddAsync(string runId);

    /// <summary>Marks a resumed run unfinished again.</summary>
    Task ReopenAsync(string runId);

    /// <summary>Marks a run finished, so the watchdog stops waking it.</summary>
    Task FinishAsync(string runId);

    /// <summary>Gets every run id, in the order they were added.</summary>
    Task<IReadOnlyList<string>> ListAsync();

    /// <summary>Gets the runs not yet finished.</summary>
    Task<IReadOnlyList<string>> ListUnfinishedAsync();
}
