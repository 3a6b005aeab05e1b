using System.Collections.Generic;
using System.Threading.Tasks;
using Orleans;
using TeamBot.Orleans.Contracts;

namespace TeamBot.Orleans.Grains;

/// <summary>
/// The cluster's list of runs (key <c>runs</c>), for <c>teambot status --cluster</c> and for waking runs after a
/// failover. A stateless front of the backend's run index, which keeps one entry per run.
/// </summary>
internal interface IRunIndexGrain : IGrainWithStringKey
{
    /// <summary>Records a run.</summary>
    Task AddAsync(string runId);

    /// <summary>Marks a resumed run unfinished again.</summary>
    Task ReopenAsync(string runId);

    /// <summary>Marks a run finished, so the watchdog stops waking it.</summary>
    Task FinishAsync(string runId);

    /// <summary>
    /// Gets up to <paramref name="limit"/> runs' progress after position <paramref name="after"/>, in the order they were
    /// added. A finished run's comes from its saved state without activating it; an unfinished run is asked.
    /// </summary>
    Task<RunListPage> ListAsync(RunListFilter filter, long after, int limit);

    /// <summary>Gets the runs not yet finished.</summary>
    Task<IReadOnlyList<string>> ListUnfinishedAsync();
}
