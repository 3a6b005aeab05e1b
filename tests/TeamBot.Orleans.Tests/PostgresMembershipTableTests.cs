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
        await using NpgsqlDataSource dataSource = NpgsqlDataSource.Create(PostgresFactAttribute.ConnectionString!);
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
            await using NpgsqlDataSource dataSource = NpgsqlDataSource.Create(builder.ConnectionString);
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
