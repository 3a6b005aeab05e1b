namespace TeamBot.Orleans.Storage;

/// <summary>
/// Which activation owns a run: the number of times an activation took the run over. Kept in its own record
/// (<c>{serviceId}/epoch/{runId}</c>) so that checking it reads a few bytes, not the run's state.
/// </summary>
internal sealed class RunEpoch
{
    /// <summary>Gets or sets the epoch of the activation that took the run over last; 0 before any did.</summary>
    public long Epoch { get; set; }
}
