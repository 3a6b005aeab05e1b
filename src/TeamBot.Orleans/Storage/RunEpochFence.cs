using System.Threading;
using System.Threading.Tasks;
using TeamBot.State;

namespace TeamBot.Orleans.Storage;

/// <summary>One session's fence: the driver's side effects go ahead only while the run's epoch is still this session's.</summary>
internal sealed class RunEpochFence(RunEpochs epochs, string runId, long epoch) : IRunFence
{
    /// <summary>Gets the run.</summary>
    public string RunId => runId;

    /// <summary>Gets the session's epoch.</summary>
    public long Epoch => epoch;

    /// <inheritdoc/>
    public ValueTask EnsureCurrentAsync(CancellationToken cancellationToken) => epochs.EnsureCurrentAsync(runId, epoch, cancellationToken);
}
