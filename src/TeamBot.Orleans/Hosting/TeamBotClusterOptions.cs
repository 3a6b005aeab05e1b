using System;
using TeamBot.Execution;
using TeamBot.Orleans.Storage;
using TeamBot.Rules;

namespace TeamBot.Orleans.Hosting;

/// <summary>How a silo runs TeamBot workflows.</summary>
public sealed class TeamBotClusterOptions
{
    /// <summary>Gets or sets the runner's options (policy, concurrency override, working folder, logging).</summary>
    public WorkflowRunnerOptions Runner { get; set; } = new();

    /// <summary>Gets or sets the folder under which each run keeps <c>artifacts/</c> and <c>failures/</c>; shared by the silos.</summary>
    public string RunsDirectory { get; set; } = ".teambot/cluster";

    /// <summary>
    /// Gets or sets where grain states live; <see langword="null"/> keeps them in the PostgreSQL of
    /// <see cref="Clustering.PostgresClusteringExtensions.UseTeamBotPostgres"/> when the silo uses it, on its shared pool,
    /// else in this process's memory. The backend must also implement <see cref="IRunIndexBackend"/>, as both built-in ones do.
    /// </summary>
    public IJsonStateBackend? Backend { get; set; }

    /// <summary>Gets or sets how many times a piece of work is handed out when the cluster, not the agent, fails it.</summary>
    public int WorkAttempts { get; set; } = 5;

    /// <summary>Gets or sets the pause before handing work out again (multiplied by the attempt, up to <see cref="WorkAttempts"/>).</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Gets or sets how long a piece of work is still handed out, after <see cref="WorkAttempts"/>, while the cluster
    /// itself refuses it (its silos died or are restarting and the membership has not yet settled): a restart of every
    /// silo can take that long to converge, and it is not the agent's failure. Timed-out attempts are not extended.
    /// </summary>
    public TimeSpan ClusterRecoveryTime { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// Gets or sets how often each silo restarts unfinished runs that have no session: their silo died or stopped, or
    /// their session stopped on a failed save. Short, so that after any restart every run continues within seconds.
    /// </summary>
    public TimeSpan WatchdogInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Gets or sets the longest one attempt at a piece of agent work may take on its worker. An attempt that takes longer
    /// is taken for hung (its worker's silo died unnoticed, say): it is cancelled and the work handed out again, as for a
    /// silo that died, up to <see cref="WorkAttempts"/> times. Set it above your slowest agent call; a stage's own
    /// <c>timeout</c> in stages.yaml is separate and fails the stage.
    /// </summary>
    public TimeSpan WorkAttemptTimeout { get; set; } = TimeSpan.FromMinutes(5);
}
