using System;
using System.Threading;
using System.Threading.Tasks;
using TeamBot.State;
using TeamBot.Testing;

namespace TeamBot.Tests.Durability.Cluster;

/// <summary>
/// One session of a crash-matrix trial on the cluster, shared by the test host and the silos: the silos report here when
/// the session's store crashed and when its grain let go of the store (its driver had returned); the host then kills
/// the silo. Once crashed or abandoned, the session lets no grain session start: whatever wakes the run before the silo
/// is dead must not run it, as nothing would on a dead silo.
/// </summary>
internal sealed class ClusterTrialSession(CrashTrial trial)
{
    private readonly TaskCompletionSource<SimulatedCrashException> _crashed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _ended = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _opened;
    private volatile bool _abandoned;
    private volatile string? _anomaly;

    /// <summary>Gets the trial.</summary>
    public CrashTrial Trial => trial;

    /// <summary>Gets a task that ends with the crash the trial's store simulated in this session.</summary>
    public Task<SimulatedCrashException> Crashed => _crashed.Task;

    /// <summary>Gets a task that ends when the grain has let go of this session's store.</summary>
    public Task Ended => _ended.Task;

    /// <summary>Gets what went wrong on the host's side (a second grain session for one matrix session), if anything.</summary>
    public string? Anomaly => _anomaly;

    /// <summary>The store a grain session of this run saves through: the trial's crashing store, reporting here.</summary>
    /// <exception cref="SimulatedCrashException">The session already crashed, or was abandoned: its silo is as good as dead.</exception>
    public IWorkflowStateStore Open(string runId, IWorkflowStateStore store)
    {
        if (runId != trial.Id)
        {
            // A run of an earlier trial woke up: its sessions were all over, so nothing should have woken it.
            _anomaly ??= $"Run '{runId}' of an earlier trial started a session during trial '{trial.Id}'.";
            throw new SimulatedCrashException($"Run '{runId}' is not the trial under way.");
        }

        if (_crashed.Task.IsCompleted || _abandoned)
        {
            throw new SimulatedCrashException($"Run '{runId}' woke on a silo whose session crashed; that silo is about to be killed.");
        }

        if (Interlocked.Increment(ref _opened) > 1)
        {
            _anomaly ??= $"Run '{runId}' started a second grain session within one session of the matrix.";
            throw new SimulatedCrashException(_anomaly);
        }

        return new TrialStore(trial.Wrap(store), this);
    }

    /// <summary>Records the crash; called by the store as the crash leaves it, before the driver sees it.</summary>
    public void Crash(SimulatedCrashException crash) => _crashed.TrySetResult(crash);

    /// <summary>Records that the grain let go of the session's store.</summary>
    public void End() => _ended.TrySetResult();

    /// <summary>Lets no grain session start any more: the host gave up on this one and is killing the silo.</summary>
    public void Abandon() => _abandoned = true;
}
