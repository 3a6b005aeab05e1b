using System.Threading;
using Orleans;

namespace TeamBot.Orleans.Grains;

/// <summary>
/// Which session of which run an agent call is for: the run and the epoch the session took it over with. A worker
/// refuses the call when the run's epoch has moved on, so the work of an activation that was taken over never starts.
/// </summary>
/// <param name="RunId">The run.</param>
/// <param name="Epoch">The session's epoch.</param>
[GenerateSerializer]
[Immutable]
internal sealed record RunTicket([property: Id(0)] string RunId, [property: Id(1)] long Epoch)
{
    // The driver builds agent calls without knowing the host: the run grain sets the ticket around its session, and it
    // flows with the session's async calls to the cluster's agent proxy, which sends it with each call.
    private static readonly AsyncLocal<RunTicket?> Ambient = new();

    /// <summary>Gets or sets the ticket of the session running in this async flow, if any.</summary>
    public static RunTicket? Current
    {
        get => Ambient.Value;
        set => Ambient.Value = value;
    }
}
