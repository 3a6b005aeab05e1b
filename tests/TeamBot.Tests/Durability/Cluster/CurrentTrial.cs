using System;

namespace TeamBot.Tests.Durability.Cluster;

/// <summary>
/// The session of the crash matrix that a crash-test cluster is running now. The silos' agent, clock and store
/// decorator are built once, with the silo, so they look the trial up here on every use; the matrix runs one session
/// at a time.
/// </summary>
internal sealed class CurrentTrial
{
    private volatile ClusterTrialSession? _session;

    /// <summary>Gets the session under way, or the last one once it is over.</summary>
    /// <exception cref="InvalidOperationException">No session has started yet.</exception>
    public ClusterTrialSession Session => _session ?? throw new InvalidOperationException("No crash-matrix session has started on this cluster.");

    /// <summary>Makes <paramref name="session"/> the one the silos serve.</summary>
    public void Begin(ClusterTrialSession session) => _session = session;
}
