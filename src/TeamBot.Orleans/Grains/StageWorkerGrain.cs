using System.Text.Json;
using System.Threading.Tasks;
using Orleans;
using Orleans.Placement;
using TeamBot.Orleans.Contracts;
using TeamBot.Orleans.Driving;
using TeamBot.State;

namespace TeamBot.Orleans.Grains;

/// <summary>
/// Runs agent work. Placed at random so that a run's stages spread over the silos; each activation serves one work
/// item and then lets itself be collected.
/// </summary>
[RandomPlacement]
internal sealed class StageWorkerGrain(IWorkflowDriver driver) : Grain, IStageWorkerGrain
{
    public async Task<string> RunAsync(WorkItem item)
    {
        try
        {
            JournalEntry entry = await driver.RunWorkAsync(item, System.Threading.CancellationToken.None);
            return JsonSerializer.Serialize(entry, JournalJsonContext.Default.JournalEntry);
        }
        finally
        {
            DeactivateOnIdle();
        }
    }
}
