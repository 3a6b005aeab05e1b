using System;
using System.Linq;
using System.Net;
using System.Threading.Tasks;
using Microsoft.Extensions.Options;
using Npgsql;
using Orleans;
using Orleans.Configuration;
using Orleans.Runtime;
using TeamBot.Orleans.Clustering;

namespace TeamBot.Orleans.Tests;

/// <summary>The membership table's optimistic concurrency, which Orleans' membership protocol relies on.</summary>
public sealed class PostgresMembershipTableTests
{
    [PostgresFact]
    public async Task Inserts_and_updates_succeed_only_against_the_version_and_etag_the_caller_read()
    {
        await using var dataSource = new TeamBotPostgresDataSource(new TeamBotPostgresOptions { ConnectionString = PostgresFactAttribute.ConnectionString! });
        string clusterId = $"test-{Guid.NewGuid():N}";
        var table = new PostgresMembershipTable(dataSource, Options.Create(new ClusterOptions { ClusterId = clusterId }));
        await table.InitializeMembershipTable(tryInitTableVersion: true);
        MembershipEntry silo = Entry(11111);

        MembershipTableData empty = await table.ReadAll();
        Assert.Empty(empty.Members);
        Assert.True(await table.InsertRow(silo, empty.Version.Next()));
        Assert.False(await table.InsertRow(Entry(11112), empty.Version.Next())); // stale table version

        MembershipTableData one = await table.ReadAll();
        (MembershipEntry read, string etag) = one.Members.Single();
        Assert.Equal(silo.SiloAddress, read.SiloAddress);
        Assert.Equal(1, one.Version.Version);
        Assert.False(await table.InsertRow(silo, one.Version.Next())); // the row exists

        read.Status = SiloStatus.Active;
        Assert.True(await table.UpdateRow(read, etag, one.Version.Next()));
        Assert.False(await table.UpdateRow(read, etag, one.Version.Next())); // stale row etag and table version

        DateTime alive = DateTime.UtcNow.AddMinutes(1);
        read.IAmAliveTime = alive;
        await table.UpdateIAmAlive(read);
        MembershipTableData row = await table.ReadRow(silo.SiloAddress);
        Assert.Equal(SiloStatus.Active, row.Members.Single().Item1.Status);
        Assert.Equal(alive, row.Members.Single().Item1.IAmAliveTime, TimeSpan.FromMilliseconds(1));
        Assert.Equal(2, row.Version.Version);

        await table.DeleteMembershipTableEntries(clusterId);
        Assert.Empty((await table.ReadAll()).Members);
    }

    [PostgresFact]
    public async Task Silos_starting_together_on_an_empty_schema_all_create_the_tables()
    {
        await using NpgsqlDataSource admin = NpgsqlDataSource.Create(PostgresFactAttribute.ConnectionString!);
        string schema = $"race_{Guid.NewGuid():N}";
        await using (NpgsqlCommand create = admin.CreateCommand($"create schema {schema}"))
        {
            await create.ExecuteNonQueryAsync();
        }

        try
        {
            var builder = new NpgsqlConnectionStringBuilder(PostgresFactAttribute.ConnectionString) { SearchPath = schema };
            await using var dataSource = new TeamBotPostgresDataSource(new TeamBotPostgresOptions { ConnectionString = builder.ConnectionString });
            var tables = Enumerable.Range(0, 6).Select(i => new PostgresMembershipTable(dataSource, Options.Create(new ClusterOptions { ClusterId = $"race-{i}" }))).ToArray();

            await Task.WhenAll(tables.Select(table => table.InitializeMembershipTable(tryInitTableVersion: true)));

            Assert.All(await Task.WhenAll(tables.Select(table => table.ReadAll())), data => Assert.Equal(0, data.Version.Version));
        }
        finally
        {
            await using NpgsqlCommand drop = admin.CreateCommand($"drop schema {schema} cascade");
            await drop.ExecuteNonQueryAsync();
        }
    }

    [PostgresFact]
    public async Task Cleanup_deletes_every_row_not_active_and_silent_since_the_cutoff_as_Orleans_providers_do()
    {
        await using var dataSource = new TeamBotPostgresDataSource(new TeamBotPostgresOptions { ConnectionString = PostgresFactAttribute.ConnectionString! });
        string clusterId = $"cleanup-{Guid.NewGuid():N}";
        var table = new PostgresMembershipTable(dataSource, Options.Create(new ClusterOptions { ClusterId = clusterId }));
        await table.InitializeMembershipTable(tryInitTableVersion: true);
        DateTime old = DateTime.UtcNow.AddHours(-2);
        (int Port, SiloStatus Status, DateTime Alive)[] silos =
        [
            (11111, SiloStatus.Joining, old), (11112, SiloStatus.ShuttingDown, old), (11113, SiloStatus.Dead, old),
            (11114, SiloStatus.Active, old), (11115, SiloStatus.Joining, DateTime.UtcNow),
        ];
        foreach ((int port, SiloStatus status, DateTime alive) in silos)
        {
            MembershipEntry entry = Entry(port);
            (entry.Status, entry.IAmAliveTime) = (status, alive);
            Assert.True(await table.InsertRow(entry, (await table.ReadAll()).Version.Next()));
        }

        await table.CleanupDefunctSiloEntries(DateTimeOffset.UtcNow.AddHours(-1));

        // A silo that died joining or shutting down is never marked dead: only the active and the recent rows stay.
        int[] left = (await table.ReadAll()).Members.Select(member => member.Item1.SiloAddress.Endpoint.Port).Order().ToArray();
        Assert.Equal([11114, 11115], left);
        await table.DeleteMembershipTableEntries(clusterId);
    }

    private static MembershipEntry Entry(int port) => new()
    {
        SiloAddress = SiloAddress.New(new IPEndPoint(IPAddress.Loopback, port), 1),
        Status = SiloStatus.Joining,
        HostName = "localhost",
        SiloName = $"silo-{port}",
        ProxyPort = port + 1000,
        StartTime = DateTime.UtcNow,
        IAmAliveTime = DateTime.UtcNow,
    };
}
