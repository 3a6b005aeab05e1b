using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using TeamBot.Agents;
using TeamBot.Execution;
using TeamBot.Objectives;
using TeamBot.Rules;

namespace TeamBot.Hosting;

/// <summary>
/// A cluster the command line can start silos of and submit runs to (<c>teambot serve</c>, <c>run --cluster</c>,
/// <c>status --cluster</c>, <c>cancel --cluster</c>). The teambot tool provides one over TeamBot.Orleans; set it in <see cref="TeamBotCliSettings.Cluster"/>.
/// </summary>
public interface ITeamBotCluster
{
    /// <summary>Runs a silo with <paramref name="agent"/> until <paramref name="cancellationToken"/> fires.</summary>
    Task ServeAsync(ClusterServeOptions options, IStageAgent agent, TextWriter output, CancellationToken cancellationToken);

    /// <summary>Submits <paramref name="objective"/> to the cluster at <paramref name="connection"/> and reports its progress until it ends.</summary>
    /// <param name="connection">A gateway (<c>host:port</c>) or the PostgreSQL connection string of the cluster's membership.</param>
    /// <param name="objective">What the run is for.</param>
    /// <param name="runOverrides">What the run sets for itself over the silos' options.</param>
    /// <param name="progress">Receives the run's progress events.</param>
    /// <param name="cancellationToken">Stops watching; the run goes on in the cluster.</param>
    /// <exception cref="State.WorkflowStateException">The cluster already has a run of this objective.</exception>
    Task<WorkflowResult> RunAsync(string connection, Objective objective, RunOverrides runOverrides, IProgress<WorkflowEvent> progress, CancellationToken cancellationToken);

    /// <summary>Resumes stopped run <paramref name="runId"/> in the cluster at <paramref name="connection"/> and reports its progress until it ends.</summary>
    /// <param name="connection">A gateway (<c>host:port</c>) or the PostgreSQL connection string of the cluster's membership.</param>
    /// <param name="runId">The run.</param>
    /// <param name="runOverrides">What the run sets for itself from now on, field by field over what it was submitted
    /// with (a new time budget, a larger token budget); <see cref="RunOverrides.None"/> keeps what was saved.</param>
    /// <param name="progress">Receives the run's progress events.</param>
    /// <param name="cancellationToken">Stops watching; the run goes on in the cluster.</param>
    /// <exception cref="State.WorkflowStateException">The cluster has no such run, or it is running.</exception>
    Task<WorkflowResult> ResumeAsync(string connection, string runId, RunOverrides runOverrides, IProgress<WorkflowEvent> progress, CancellationToken cancellationToken);

    /// <summary>Cancels run <paramref name="runId"/> in the cluster at <paramref name="connection"/>; its state is saved as cancelled.</summary>
    /// <returns><see langword="true"/> when the run was under way and was told to stop; <see langword="false"/> when it was not running.</returns>
    Task<bool> CancelAsync(string connection, string runId, CancellationToken cancellationToken);

    /// <summary>Lists the cluster's runs.</summary>
    Task<IReadOnlyList<ClusterRunStatus>> ListAsync(string connection, CancellationToken cancellationToken);
}

/// <summary>Where a silo listens and keeps its state.</summary>
/// <param name="SiloPort">The port silos talk to each other on.</param>
/// <param name="GatewayPort">The port clients connect to.</param>
/// <param name="PrimarySiloPort">The silo port of the cluster's first silo, which the others join.</param>
/// <param name="Postgres">A PostgreSQL connection string for the state; <see langword="null"/> keeps it in memory.</param>
/// <param name="RunsDirectory">The folder under which runs keep their artifacts.</param>
public sealed record ClusterServeOptions(int SiloPort, int GatewayPort, int PrimarySiloPort, string? Postgres, string RunsDirectory)
{
    /// <summary>
    /// Gets the address the silo and gateway ports listen on; <see langword="null"/>: every address of the machine, so
    /// that clients reach the gateway both on the machine's network address and on <c>localhost</c>.
    /// </summary>
    public string? Address { get; init; }

    /// <summary>
    /// Gets the address other silos and clients are told to reach this silo at; <see langword="null"/>: <see cref="Address"/>
    /// when it names one address, else the machine's network address, else (a host with loopback only) 127.0.0.1.
    /// </summary>
    public string? Advertise { get; init; }

    /// <summary>Gets the most connections the silo opens to PostgreSQL; <see langword="null"/>: the connection string's, else 20.</summary>
    public int? PostgresPoolSize { get; init; }

    /// <summary>Gets how many silos share the PostgreSQL server, checked with the pool size against its <c>max_connections</c>; <see langword="null"/>: 3.</summary>
    public int? ExpectedSilos { get; init; }

    /// <summary>Gets a value indicating whether the silo creates missing tables; <see langword="false"/> when they were created ahead by a privileged role.</summary>
    public bool CreateSchema { get; init; } = true;

    /// <summary>
    /// Gets how long one attempt at an agent call may take before it is handed out again (a call lost with a silo that
    /// died, or a hung worker); <see langword="null"/>: 5 minutes. Set it above your agents' longest call.
    /// </summary>
    public TimeSpan? WorkAttemptTimeout { get; init; }
}

/// <summary>One run as the cluster reports it.</summary>
public sealed record ClusterRunStatus(string RunId, string Status, string? CurrentStage, int CompletedStages, string? Error);
