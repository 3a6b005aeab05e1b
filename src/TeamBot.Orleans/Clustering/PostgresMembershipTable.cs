using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.Json;
using System.Threading.Tasks;
using Microsoft.Extensions.Options;
using Npgsql;
using Orleans;
using Orleans.Configuration;
using Orleans.Runtime;
using TeamBot.Orleans.Storage;

namespace TeamBot.Orleans.Clustering;

/// <summary>
/// Orleans cluster membership in PostgreSQL, on TeamBot's own two tables. Every change checks and bumps the table
/// version's etag in one transaction, which is the optimistic concurrency Orleans' membership protocol relies on.
/// </summary>
/// <remarks>
/// Orleans' own ADO.NET clustering needs schema scripts that its packages do not ship; this table needs only
/// <see cref="Schema"/>, which the silo creates unless told the tables were created ahead.
/// </remarks>
internal sealed class PostgresMembershipTable(TeamBotPostgresDataSource postgres, IOptions<ClusterOptions> cluster) : IMembershipTable
{
    public const string Schema = """
        create table if not exists teambot_membership_version (
            cluster_id text primary key,
            version integer not null,
            etag bigint not null
        );
        create table if not exists teambot_membership (
            cluster_id text not null,
            silo text not null,
            etag bigint not null,
            entry json not null,
            i_am_alive timestamptz not null,
            primary key (cluster_id, silo)
        );
        """;

    private string ClusterId => cluster.Value.ClusterId;

    private NpgsqlDataSource DataSource => postgres.Source;

    public async Task InitializeMembershipTable(bool tryInitTableVersion)
    {
        // The silo's start: checks the server has room for the silos' pools and that the tables are there.
        await postgres.InitializeAsync().ConfigureAwait(false);

        if (tryInitTableVersion)
        {
            await using NpgsqlCommand init = DataSource.CreateCommand("insert into teambot_membership_version (cluster_id, version, etag) values ($1, 0, 0) on conflict do nothing");
            init.Parameters.AddWithValue(ClusterId);
            await init.ExecuteNonQueryAsync().ConfigureAwait(false);
        }
    }

    public async Task DeleteMembershipTableEntries(string clusterId)
    {
        // Two statements with positional parameters must go as a batch: PostgreSQL prepares one statement per command.
        await using NpgsqlBatch batch = DataSource.CreateBatch();
        batch.BatchCommands.Add(new NpgsqlBatchCommand("delete from teambot_membership where cluster_id = $1") { Parameters = { new() { Value = clusterId } } });
        batch.BatchCommands.Add(new NpgsqlBatchCommand("delete from teambot_membership_version where cluster_id = $1") { Parameters = { new() { Value = clusterId } } });
        await batch.ExecuteNonQueryAsync().ConfigureAwait(false);
    }

    /// <summary>
    /// Deletes every row not <see cref="SiloStatus.Active"/> that has not said it is alive since <paramref name="beforeDate"/>,
    /// as Orleans' own providers do: a silo that died while joining or shutting down is never marked dead, and its row
    /// would otherwise stay for ever.
    /// </summary>
    public async Task CleanupDefunctSiloEntries(DateTimeOffset beforeDate)
    {
        await using NpgsqlCommand command = DataSource.CreateCommand("delete from teambot_membership where cluster_id = $1 and i_am_alive < $2 and (entry->>'status')::int <> $3");
        command.Parameters.AddWithValue(ClusterId);
        command.Parameters.AddWithValue(beforeDate.UtcDateTime);
        command.Parameters.AddWithValue((int)SiloStatus.Active);
        await command.ExecuteNonQueryAsync().ConfigureAwait(false);
    }

    public Task<MembershipTableData> ReadRow(SiloAddress key) => ReadAsync(key);

    public Task<MembershipTableData> ReadAll() => ReadAsync(null);

    public Task<bool> InsertRow(MembershipEntry entry, TableVersion tableVersion) => WriteAsync(entry, null, tableVersion);

    public Task<bool> UpdateRow(MembershipEntry entry, string etag, TableVersion tableVersion) => WriteAsync(entry, etag, tableVersion);

    public async Task UpdateIAmAlive(MembershipEntry entry)
    {
        // Not a membership change: the etags stay, so concurrent protocol writes are not disturbed.
        await using NpgsqlCommand command = DataSource.CreateCommand("update teambot_membership set i_am_alive = $3 where cluster_id = $1 and silo = $2");
        command.Parameters.AddWithValue(ClusterId);
        command.Parameters.AddWithValue(entry.SiloAddress.ToParsableString());
        command.Parameters.AddWithValue(DateTime.SpecifyKind(entry.IAmAliveTime, DateTimeKind.Utc));
        await command.ExecuteNonQueryAsync().ConfigureAwait(false);
    }

    private async Task<MembershipTableData> ReadAsync(SiloAddress? key)
    {
        await using NpgsqlConnection connection = await DataSource.OpenConnectionAsync().ConfigureAwait(false);
        await using NpgsqlTransaction transaction = await connection.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead).ConfigureAwait(false);
        TableVersion version = await VersionAsync(connection, transaction, forUpdate: false).ConfigureAwait(false) ?? new TableVersion(0, "0");
        var rows = new List<Tuple<MembershipEntry, string>>();
        await using (var command = new NpgsqlCommand(key is null
            ? "select entry::text, etag, i_am_alive from teambot_membership where cluster_id = $1"
            : "select entry::text, etag, i_am_alive from teambot_membership where cluster_id = $1 and silo = $2", connection, transaction))
        {
            command.Parameters.AddWithValue(ClusterId);
            if (key is not null)
            {
                command.Parameters.AddWithValue(key.ToParsableString());
            }

            await using NpgsqlDataReader reader = await command.ExecuteReaderAsync().ConfigureAwait(false);
            while (await reader.ReadAsync().ConfigureAwait(false))
            {
                MembershipRow row = JsonSerializer.Deserialize(reader.GetString(0), ClusterJsonContext.Default.MembershipRow)!;
                rows.Add(Tuple.Create(row.ToEntry(reader.GetDateTime(2)), reader.GetInt64(1).ToString(CultureInfo.InvariantCulture)));
            }
        }

        await transaction.CommitAsync().ConfigureAwait(false);
        return new MembershipTableData(rows, version);
    }

    /// <summary>Inserts (<paramref name="etag"/> null) or updates a row, if the row and the table are as the caller read them.</summary>
    private async Task<bool> WriteAsync(MembershipEntry entry, string? etag, TableVersion tableVersion)
    {
        await using NpgsqlConnection connection = await DataSource.OpenConnectionAsync().ConfigureAwait(false);
        await using NpgsqlTransaction transaction = await connection.BeginTransactionAsync().ConfigureAwait(false);
        TableVersion? current = await VersionAsync(connection, transaction, forUpdate: true).ConfigureAwait(false);
        if (current is null || current.VersionEtag != tableVersion.VersionEtag)
        {
            return false;
        }

        long next = long.Parse(current.VersionEtag, CultureInfo.InvariantCulture) + 1;
        string json = JsonSerializer.Serialize(MembershipRow.From(entry), ClusterJsonContext.Default.MembershipRow);
        await using (var write = new NpgsqlCommand(etag is null
            ? "insert into teambot_membership (cluster_id, silo, etag, entry, i_am_alive) values ($1, $2, $3, $4::json, $5) on conflict do nothing"
            : "update teambot_membership set etag = $3, entry = $4::json, i_am_alive = greatest(i_am_alive, $5) where cluster_id = $1 and silo = $2 and etag = $6", connection, transaction))
        {
            write.Parameters.AddWithValue(ClusterId);
            write.Parameters.AddWithValue(entry.SiloAddress.ToParsableString());
            write.Parameters.AddWithValue(next);
            write.Parameters.AddWithValue(json);
            write.Parameters.AddWithValue(DateTime.SpecifyKind(entry.IAmAliveTime, DateTimeKind.Utc));
            if (etag is not null)
            {
                write.Parameters.AddWithValue(long.TryParse(etag, NumberStyles.Integer, CultureInfo.InvariantCulture, out long expected) ? expected : -1);
            }

            if (await write.ExecuteNonQueryAsync().ConfigureAwait(false) != 1)
            {
                return false;
            }
        }

        await using (var bump = new NpgsqlCommand("update teambot_membership_version set version = $2, etag = $3 where cluster_id = $1", connection, transaction))
        {
            bump.Parameters.AddWithValue(ClusterId);
            bump.Parameters.AddWithValue(tableVersion.Version);
            bump.Parameters.AddWithValue(next);
            await bump.ExecuteNonQueryAsync().ConfigureAwait(false);
        }

        await transaction.CommitAsync().ConfigureAwait(false);
        return true;
    }

    private async Task<TableVersion?> VersionAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, bool forUpdate)
    {
        await using var command = new NpgsqlCommand("select version, etag from teambot_membership_version where cluster_id = $1" + (forUpdate ? " for update" : ""), connection, transaction);
        command.Parameters.AddWithValue(ClusterId);
        await using NpgsqlDataReader reader = await command.ExecuteReaderAsync().ConfigureAwait(false);
        return await reader.ReadAsync().ConfigureAwait(false)
            ? new TableVersion(reader.GetInt32(0), reader.GetInt64(1).ToString(CultureInfo.InvariantCulture))
            : null;
    }
}
