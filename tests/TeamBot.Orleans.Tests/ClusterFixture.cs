using System;
using System.IO;
using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Hosting;
using Orleans.TestingHost;
using TeamBot.Agents;
using TeamBot.Execution;
using TeamBot.Orleans.Clustering;
using TeamBot.Orleans.Hosting;
using TeamBot.Orleans.Storage;
using TeamBot.Rules;

namespace TeamBot.Orleans.Tests;

/// <summary>What the silos of the test cluster being built share; silo configurators are created by type, so it is static.</summary>
internal static class SharedCluster
{
    public static ClusterTeam Team { get; set; } = new();

    public static IJsonStateBackend Backend { get; set; } = new InMemoryJsonStateBackend();

    public static string RunsDirectory { get; set; } = Path.Combine(Path.GetTempPath(), "teambot-cluster-tests");

    public static int? MaxConcurrency { get; set; }

    /// <summary>Gets or sets the silos' limit on one attempt at a worker call; <see langword="null"/>: the option's default.</summary>
    public static TimeSpan? WorkAttemptTimeout { get; set; }

    /// <summary>Gets or sets how long the silos hand out work the cluster refuses; <see langword="null"/>: the option's default.</summary>
    public static TimeSpan? ClusterRecoveryTime { get; set; }

    /// <summary>The service every test cluster belongs to: the same one across a restart, as in production.</summary>
    public const string ServiceId = "teambot-tests";

    /// <summary>Gets or sets a PostgreSQL connection string for the cluster's membership; <see langword="null"/>: the test cluster's own.</summary>
    public static string? PostgresClustering { get; set; }

    /// <summary>
    /// Gets or sets PostgreSQL for membership and state together, one pool per silo as in production (then
    /// <see cref="Backend"/> is not used); <see langword="null"/>: as set by the other properties.
    /// </summary>
    public static TeamBotPostgresOptions? Postgres { get; set; }

    /// <summary>Builds and starts a cluster of <paramref name="silos"/> silos over the shared team and backend.</summary>
    public static async Task<TestCluster> StartAsync(short silos = 3)
    {
        var builder = new TestClusterBuilder(silos);
        builder.Options.ServiceId = ServiceId;
        builder.AddSiloBuilderConfigurator<SiloConfigurator>();
        if (Postgres is not null)
        {
            builder.Options.UseTestClusterMembership = false;
            builder.AddSiloBuilderConfigurator<PostgresSilo>();
            builder.AddClientBuilderConfigurator<PostgresClientClustering>();
        }
        else if (PostgresClustering is not null)
        {
            builder.Options.UseTestClusterMembership = false;
            builder.AddSiloBuilderConfigurator<PostgresSiloClustering>();
            builder.AddClientBuilderConfigurator<PostgresClientClustering>();
        }

        TestCluster cluster = builder.Build();
        await cluster.DeployAsync();
        return cluster;
    }

    private sealed class PostgresSiloClustering : ISiloConfigurator
    {
        public void Configure(ISiloBuilder siloBuilder) => siloBuilder.UseTeamBotPostgresClustering(PostgresClustering!);
    }

    private sealed class PostgresSilo : ISiloConfigurator
    {
        public void Configure(ISiloBuilder siloBuilder) => siloBuilder.UseTeamBotPostgres(Postgres!);
    }

    private sealed class PostgresClientClustering : IClientBuilderConfigurator
    {
        public void Configure(Microsoft.Extensions.Configuration.IConfiguration configuration, global::Orleans.Hosting.IClientBuilder clientBuilder) =>
            clientBuilder.UseTeamBotPostgresClustering(Postgres?.ConnectionString ?? PostgresClustering!);
    }

    private sealed class SiloConfigurator : ISiloConfigurator
    {
        public void Configure(ISiloBuilder siloBuilder) =>
            siloBuilder.AddTeamBot(Workflow.Definition, AgentRegistry.ForAll(Team), options =>
            {
                options.Backend = Postgres is null ? Backend : null;
                options.RunsDirectory = RunsDirectory;
                options.Runner = new WorkflowRunnerOptions { MaxConcurrency = MaxConcurrency, WorkingDirectory = RunsDirectory };
                options.RetryDelay = TimeSpan.FromMilliseconds(100);
                options.WatchdogInterval = TimeSpan.FromSeconds(1);
                options.WorkAttemptTimeout = WorkAttemptTimeout ?? options.WorkAttemptTimeout;
                options.ClusterRecoveryTime = ClusterRecoveryTime ?? options.ClusterRecoveryTime;
            });
    }
}
