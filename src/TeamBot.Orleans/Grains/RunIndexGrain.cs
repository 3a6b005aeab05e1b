using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Orleans;
using Orleans.Runtime;

namespace TeamBot.Orleans.Grains;

/// <summary>The list of runs, persisted in the TeamBot grain storage.</summary>
internal sealed class RunIndexGrain([PersistentState("runs", TeamBotStorage.Name)] IPersistentState<RunIndex> index) : Grain, IRunIndexGrain
{
    public async Task AddAsync(string runId)
    {
        if (!index.State.Runs.Contains(runId))
        {
            index.State.Runs.Add(runId);
            index.State.Unfinished.Add(runId);
            await index.WriteStateAsync();
        }
    }

    public async Task ReopenAsync(string runId)
    {
        if (index.State.Runs.Contains(runId) && !index.State.Unfinished.Contains(runId))
        {
            index.State.Unfinished.Add(runId);
            await index.WriteStateAsync();
        }
    }

    public async Task FinishAsync(string runId)
    {
        if (index.State.Unfinished.Remove(runId))
        {
            await index.WriteStateAsync();
        }
    }

    public Task<IReadOnlyList<string>> ListAsync() => Task.FromResult<IReadOnlyList<string>>(index.State.Runs.ToList());

    public Task<IReadOnlyList<string>> ListUnfinishedAsync() => Task.FromResult<IReadOnlyList<string>>(index.State.Unfinished.ToList());
}

/// <summary>The run index's persisted state.</summary>
internal sealed class RunIndex
{
    /// <summary>Gets or sets every run id.</summary>
    public List<string> Runs { get; set; } = [];

    /// <summary>Gets or sets the runs not yet finished.</summary>
    public List<string> Unfinished { get; set; } = [];
}
