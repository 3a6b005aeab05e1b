using TeamBot.Orleans.Storage;
using TeamBot.State;

namespace TeamBot.Tests.Durability.Cluster;

/// <summary>The crash-test silos' store decorator: every session of a run grain saves through the current trial's crashing store.</summary>
internal sealed class TrialStoreDecorator(CurrentTrial current) : IRunStoreDecorator
{
    public IWorkflowStateStore Decorate(string runId, IWorkflowStateStore store) => current.Session.Open(runId, store);
}
