using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans;
using Orleans.Configuration;
using Orleans.Hosting;
using TeamBot.Agents;
using TeamBot.Definitions;
using TeamBot.Execution;
using TeamBot.Hosting;
using TeamBot.Objectives;
using TeamBot.Orleans.Clustering;
using TeamBot.Orleans.Contracts;
using TeamBot.Orleans.Hosting;
using TeamBot.Orleans.Storage;
using TeamBot.State;

namespace TeamBot.Cli.Cluster;

/// <summary>
/// The command line's cluster on Orleans: <c>teambot serve</c> starts a silo with localhost clustering (silos on one
/// machine join the primary silo's port), <c>run --cluster localhost:30000</c> and <c>status --cluster</c> connect a client.
/// </summary>
/// <typeparam name="TStage">The generated stage enum.</typeparam>
public sealed class OrleansCluster<TStage>(IWorkflowDefinition<TStage> workflow) : ITeamBotCluster
    where TStage : struct, Enum
{
    /// <inheritdoc/>
    public async Task ServeAsync(ClusterServeOptions options, IStageAgent agent, TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(output);
        TeamBotPostgresOptions? postgres = options.Postgres is { } connection
            ? new TeamBotPostgresOptions { ConnectionString = connection, MaxPoolSize = options.PostgresPoolSize, ExpectedSilos = options.ExpectedSilos ?? 3, CreateSchema = options.CreateSchema }
            : null;
        if (postgres is not null)
        {
            await CheckPostgresAsync(postgres, cancellationToken).ConfigureAwait(false);
        }

        HostApplicationBuilder builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);

        // Time for a graceful stop: the silo hands its runs over and marks itself Dead in the membership table, so that
        // the others need not first suspect it and vote it dead.
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = ShutdownTimeout);
        builder.UseOrleans(silo => Clustering(silo, options, postgres)
            .AddTeamBot(workflow, AgentRegistry.ForAll(agent), cluster =>
            {
                cluster.RunsDirectory = options.RunsDirectory;
                cluster.WorkAttemptTimeout = options.WorkAttemptTimeout ?? cluster.WorkAttemptTimeout;
                cluster.Runner = new WorkflowRunnerOptions { WorkingDirectory = Directory.GetCurrentDirectory() };
            }));
        using IHost host = builder.Build();
        await host.StartAsync(cancellationToken).ConfigureAwait(false);
        string gateway = options.Postgres is null ? "localhost" : host.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<EndpointOptions>>().Value.AdvertisedIPAddress.ToString();
        await output.WriteLineAsync($"Silo up: silo port {options.SiloPort}, gateway {gateway}:{options.GatewayPort}, state in {(postgres is null ? "memory" : "PostgreSQL")}. Ctrl+C to stop.").ConfigureAwait(false);
        try
        {
            await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            await host.StopAsync(CancellationToken.None).ConfigureAwait(false);
        }
    }

    /// <inheritdoc/>
    /// <exception cref="WorkflowStateException">The cluster already has a run of this objective's feature.</exception>
    public Task<WorkflowResult> RunAsync(string connection, Objective objective, RunOverrides runOverrides, IProgress<WorkflowEvent> progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(objective);
        return WithClientAsync(connection, async cluster =>
        {
            (string runId, bool submitted) = await cluster.SubmitAsync(objective, overrides: runOverrides).ConfigureAwait(false);
            if (!submitted)
            {
                throw new WorkflowStateException($"The cluster at {ClusterConnection.Shown(connection)} already has a run '{runId}'. See it with 'teambot status --cluster {ClusterConnection.Shown(connection)}'.");
            }

            return await FollowAsync(cluster, connection, runId, progress, cancellationToken).ConfigureAwait(false);
        }, cancellationToken);
    }

    /// <inheritdoc/>
    /// <exception cref="WorkflowStateException">The cluster has no such run, or it is running.</exception>
    public Task<WorkflowResult> ResumeAsync(string connection, string runId, RunOverrides runOverrides, IProgress<WorkflowEvent> progress, CancellationToken cancellationToken) =>
        WithClientAsync(connection, async cluster =>
        {
            if (!await cluster.ResumeAsync(runId, runOverrides).ConfigureAwait(false))
            {
                throw new WorkflowStateException($"The cluster at {ClusterConnection.Shown(connection)} has no stopped run '{runId}' to resume: there is no such run, or it is running. See: teambot status --cluster {ClusterConnection.Shown(connection)}");
            }

            return await FollowAsync(cluster, connection, runId, progress, cancellationToken).ConfigureAwait(false);
        }, cancellationToken);

    /// <inheritdoc/>
    public Task<IReadOnlyList<ClusterRunStatus>> ListAsync(string connection, CancellationToken cancellationToken) =>
        WithClientAsync<IReadOnlyList<ClusterRunStatus>>(connection, async cluster =>
            (await cluster.ListAsync().ConfigureAwait(false))
                .Select(run => new ClusterRunStatus(run.RunId, RunStatusText.ToText(run.Status), run.CurrentStage, run.CompletedStages.Count, run.Error))
                .ToList(),
            cancellationToken);

    /// <inheritdoc/>
    public Task<bool> CancelAsync(string connection, string runId, CancellationToken cancellationToken) =>
        WithClientAsync(connection, cluster => cluster.CancelAsync(runId), cancellationToken);

    private static async Task<WorkflowResult> FollowAsync(TeamBotClusterClient cluster, string connection, string runId, IProgress<WorkflowEvent> progress, CancellationToken cancellationToken)
    {
        RunProgress end = await cluster.WatchAsync(runId, progress, cancellationToken).ConfigureAwait(false);

        // Where the silos keep the run's files, relative to the folder each was started in (serve's default runs folder).
        return end.ToResult($"cluster {ClusterConnection.Shown(connection)}, run {runId}", Path.Combine(".teambot", "cluster", runId));
    }

    /// <summary>Connects a client for one command, and stops it cleanly once the command is done.</summary>
    private static async Task<T> WithClientAsync<T>(string connection, Func<TeamBotClusterClient, Task<T>> command, CancellationToken cancellationToken)
    {
        using IHost client = await ConnectAsync(connection, cancellationToken).ConfigureAwait(false);
        T result = await command(new TeamBotClusterClient(client.Services.GetRequiredService<IClusterClient>())).ConfigureAwait(false);
        await client.StopAsync(CancellationToken.None).ConfigureAwait(false);
        return result;
    }

    /// <summary>The cluster's name in a shared membership table.</summary>
    public const string ClusterId = "teambot";

    /// <summary>How long a silo's graceful stop may take; under the command line's own limit of one minute after Ctrl+C.</summary>
    private static readonly TimeSpan ShutdownTimeout = TimeSpan.FromSeconds(45);

    /// <summary>How long a client keeps trying to reach a gateway when it connects (the cluster is restarting).</summary>
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromMinutes(2);

    /// <summary>
    /// Checks, before the silo starts, that the server holds every silo's pool and has the tables (or may get them), so
    /// that a misfit is one clear error rather than a silo that fails to join.
    /// </summary>
    private static async Task CheckPostgresAsync(TeamBotPostgresOptions postgres, CancellationToken cancellationToken)
    {
        try
        {
            await using var check = new TeamBotPostgresDataSource(postgres);
            await check.InitializeAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is TeamBotPostgresSetupException or ArgumentException)
        {
            throw new WorkflowStateException(ex.Message, ex);
        }
    }

    /// <summary>
    /// With PostgreSQL, membership and state live there on one pool per silo, and silos may be on any machine: they
    /// listen on <see cref="ClusterServeOptions.Address"/> (default: every address) and advertise
    /// <see cref="ClusterServeOptions.Advertise"/>. Without, they join the primary on localhost and keep state in memory.
    /// </summary>
    private static ISiloBuilder Clustering(ISiloBuilder silo, ClusterServeOptions options, TeamBotPostgresOptions? postgres)
    {
        if (postgres is null)
        {
            return silo.UseLocalhostClustering(options.SiloPort, options.GatewayPort, new IPEndPoint(IPAddress.Loopback, options.PrimarySiloPort), ClusterId, ClusterId);
        }

        IPAddress listen = options.Address is { } address ? ClusterAddresses.Resolve(address) : IPAddress.Any;
        IPAddress advertised = options.Advertise is { } advertise ? ClusterAddresses.Resolve(advertise)
            : options.Address is not null && !listen.Equals(IPAddress.Any) && !listen.Equals(IPAddress.IPv6Any) ? listen
            : ClusterAddresses.NetworkAddress() ?? IPAddress.Loopback;
        return silo.UseTeamBotPostgres(postgres)
            .Configure<ClusterOptions>(cluster => (cluster.ClusterId, cluster.ServiceId) = (ClusterId, ClusterId))
            .Configure<EndpointOptions>(endpoints =>
            {
                endpoints.AdvertisedIPAddress = advertised;
                endpoints.SiloPort = options.SiloPort;
                endpoints.GatewayPort = options.GatewayPort;
                endpoints.SiloListeningEndpoint = new IPEndPoint(listen, options.SiloPort);
                endpoints.GatewayListeningEndpoint = new IPEndPoint(listen, options.GatewayPort);
            });
    }

    /// <summary>Connects to a gateway (<c>host:port</c>) or, given a PostgreSQL connection string, to any gateway listed there.</summary>
    private static async Task<IHost> ConnectAsync(string connection, CancellationToken cancellationToken)
    {
        HostApplicationBuilder builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.UseOrleansClient(client =>
        {
            if (connection.Contains('=', StringComparison.Ordinal))
            {
                client.UseTeamBotPostgresClustering(connection);
            }
            else
            {
                // host:port names one gateway; its host is resolved, so that a silo on another machine can be reached too.
                (string host, int port) = ClusterAddresses.ParseGateway(connection);
                client.UseStaticClustering(new IPEndPoint(ClusterAddresses.Resolve(host), port));
            }

            DateTimeOffset started = DateTimeOffset.UtcNow;
            client.Configure<ClusterOptions>(cluster => (cluster.ClusterId, cluster.ServiceId) = (ClusterId, ClusterId))

                // A cluster that is restarting has no gateway for a moment: keep trying to connect, then give up.
                .UseConnectionRetryFilter(async (_, token) =>
                {
                    await Task.Delay(TimeSpan.FromSeconds(1), token).ConfigureAwait(false);
                    return DateTimeOffset.UtcNow - started < ConnectTimeout;
                })

                // Gateways that died leave the list, and restarted ones join it, within seconds rather than a minute.
                .Configure<GatewayOptions>(gateways => gateways.GatewayListRefreshPeriod = TimeSpan.FromSeconds(5));
        });

        IHost host = builder.Build();
        await host.StartAsync(cancellationToken).ConfigureAwait(false);
        return host;
    }
}
