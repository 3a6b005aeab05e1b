using System;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Orleans;
using Orleans.Hosting;
using Orleans.Messaging;

namespace TeamBot.Orleans.Clustering;

/// <summary>Cluster membership in PostgreSQL for silos and clients.</summary>
public static class PostgresClusteringExtensions
{
    /// <summary>Keeps the cluster's membership in the PostgreSQL database at <paramref name="connectionString"/>.</summary>
    public static ISiloBuilder UseTeamBotPostgresClustering(this ISiloBuilder builder, string connectionString)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        builder.Services.AddSingleton(NpgsqlDataSource.Create(connectionString));
        builder.Services.AddSingleton<IMembershipTable, PostgresMembershipTable>();
        return builder;
    }

    /// <summary>Finds the cluster's gateways in the PostgreSQL database at <paramref name="connectionString"/>.</summary>
    public static IClientBuilder UseTeamBotPostgresClustering(this IClientBuilder builder, string connectionString)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        builder.Services.AddSingleton(NpgsqlDataSource.Create(connectionString));
        builder.Services.AddSingleton<IGatewayListProvider, PostgresGatewayListProvider>();
        return builder;
    }
}
