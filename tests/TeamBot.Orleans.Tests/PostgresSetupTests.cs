using System;
using System.Threading.Tasks;
using Orleans.TestingHost;
using TeamBot.Orleans.Clustering;
using TeamBot.Orleans.Contracts;
using TeamBot.Orleans.Hosting;
using TeamBot.Orleans.Storage;

namespace TeamBot.Orleans.Tests;

/// <summary>What a silo needs from PostgreSQL, and what it says when it does not get it.</summary>
[Collection(nameof(SharedClusterState))]
public sealed class PostgresSetupTests
{
    [PostgresFact]
    public async Task A_silo_whose_role_has_only_DML_rights_on_tables_created_ahead_runs_a_run_to_the_end()
    {
        await using PostgresScratch scratch = await PostgresScratch.CreateAsync(tablesAhead: true, "select, insert, update, delete");
        SharedCluster.Team = new ClusterTeam();
        SharedCluster.MaxConcurrency = null;

        // The default (CreateSchema on) finds the tables and issues no DDL; off, it never would.
        foreach (bool createSchema in new[] { true, false })
        {
            SharedCluster.Postgres = new TeamBotPostgresOptions { ConnectionString = scratch.ConnectionString, CreateSchema = createSchema, ExpectedSilos = 1 };
            try
            {
                await using TestCluster cluster = await SharedCluster.StartAsync(silos: 1);
                var client = new TeamBotClusterClient(cluster.Client);
                string run = $"dml-{createSchema}-{Guid.NewGuid():N}";
                await client.SubmitAsync(ClusterTests.Objective(run), run);
                RunProgress result = await client.WatchAsync(run).WaitAsync(TimeSpan.FromMinutes(2));
                Assert.Equal(Rules.RunStatus.Complete, result.Status);
            }
            finally
            {
                SharedCluster.Postgres = null;
            }
        }
    }

    [PostgresFact]
    public async Task Without_the_tables_and_with_schema_creation_off_the_silo_names_the_missing_tables_and_the_script()
    {
        await using PostgresScratch scratch = await PostgresScratch.CreateAsync(tablesAhead: false, "");
        await using var postgres = new TeamBotPostgresDataSource(new TeamBotPostgresOptions { ConnectionString = scratch.ConnectionString, CreateSchema = false, ExpectedSilos = 1 });

        var error = await Assert.ThrowsAsync<TeamBotPostgresSetupException>(() => postgres.InitializeAsync());

        Assert.Contains("teambot_grain_state", error.Message, StringComparison.Ordinal);
        Assert.Contains("deploy/postgresql/teambot.sql", error.Message, StringComparison.Ordinal);
    }

    [PostgresFact]
    public async Task A_server_too_small_for_every_silos_pool_is_refused_at_start_with_the_pool_size_that_fits()
    {
        // The test server keeps PostgreSQL's default of 100 connections: 3 silos of 40 plus 10 reserved need 130.
        await using var postgres = new TeamBotPostgresDataSource(new TeamBotPostgresOptions { ConnectionString = PostgresFactAttribute.ConnectionString!, MaxPoolSize = 40, ExpectedSilos = 3 });

        var error = await Assert.ThrowsAsync<TeamBotPostgresSetupException>(() => postgres.InitializeAsync());

        Assert.Contains("allows 100 connections", error.Message, StringComparison.Ordinal);
        Assert.Contains("at most 30", error.Message, StringComparison.Ordinal);
    }

    [PostgresFact]
    public async Task A_database_error_in_a_submission_reaches_the_client_as_an_exception_it_can_read()
    {
        // Tables the role may only read: listing the submitted run fails in PostgreSQL, inside the client's grain call.
        await using PostgresScratch scratch = await PostgresScratch.CreateAsync(tablesAhead: true, "select");
        await using var backend = new PostgresJsonStateBackend(scratch.ConnectionString);
        SharedCluster.Team = new ClusterTeam();
        SharedCluster.Backend = backend;
        SharedCluster.MaxConcurrency = null;
        await using TestCluster cluster = await SharedCluster.StartAsync(silos: 1);

        var error = await Assert.ThrowsAsync<TeamBotStorageException>(() => new TeamBotClusterClient(cluster.Client).SubmitAsync(ClusterTests.Objective("denied"), "denied"));

        Assert.Contains("permission denied", error.Message, StringComparison.Ordinal);
    }
}
