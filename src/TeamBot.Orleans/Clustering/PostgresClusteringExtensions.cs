using System;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Orleans;
using Orleans.Hosting;
using Orleans.Messaging;
using TeamBot.Orleans.Storage;

namespace TeamBot.Orleans.Clustering;

/// <summary>Cluster membership and run state in PostgreSQL, for silos and clients.</summary>
public static class PostgresClusteringExtensions
{
    /// <summary>
    /// Keeps the cluster's membership and the runs' state in PostgreSQL, on one pool per silo
    /// (<see cref="TeamBotPostgresDataSource"/>); <c>AddTeamBot</c> uses it unless its options set another backend.
    /// The silo checks at start that the server's <c>max_connections</c> fits every silo's pool, and creates the tables
    /// unless <see cref="TeamBotPostgresOptions.CreateSchema"/> is off.
    /// </summary>
    public static ISiloBuilder UseTeamBotPostgres(this ISiloBuilder builder, TeamBotPostgresOptions options)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.ConnectionString);
        AddDataSource(builder.Services, options);
        builder.Services.AddSingleton<IMembershipTable, PostgresMembershipTable>();
        builder.Services.TryAddSingleton(services => new PostgresJsonStateBackend(services.GetRequiredService<TeamBotPostgresDataSource>()));
        return builder;
    }

    /// <summary>Keeps the cluster's membership in the PostgreSQL database at <paramref name="connectionString"/>, with a pool of the default size.</summary>
    public static ISiloBuilder UseTeamBotPostgresClustering(this ISiloBuilder builder, string connectionString)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        AddDataSource(builder.Services, new TeamBotPostgresOptions { ConnectionString = connectionString });
        builder.Services.AddSingleton<IMembershipTable, PostgresMembershipTable>();
        return builder;
    }

    /// <summary>
    /// Finds the cluster's gateways in the PostgreSQL database at <paramref name="connectionString"/>; a client only reads
    /// the gateway list now and then, so its pool is the smallest.
    /// </summary>
    public static IClientBuilder UseTeamBotPostgresClustering(this IClientBuilder builder, string connectionString)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        AddDataSource(builder.Services, new TeamBotPostgresOptions { ConnectionString = connectionString, MaxPoolSize = TeamBotPostgresOptions.MinimumPoolSize });
        builder.Services.AddSingleton<IGatewayListProvider, PostgresGatewayListProvider>();
        return builder;
    }

    /// <summary>
    /// Registers the pool under TeamBot's own type, created by the container so that it is disposed with the silo; the
    /// first registration wins, so membership and state share it.
    /// </summary>
    private static void AddDataSource(IServiceCollection services, TeamBotPostgresOptions options) =>
        services.TryAddSingleton(_ => new TeamBotPostgresDataSource(options));
}
