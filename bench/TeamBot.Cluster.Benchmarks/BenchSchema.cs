using System;
using System.Threading.Tasks;
using Npgsql;

namespace TeamBot.Benchmarks;

/// <summary>A schema of its own in the PostgreSQL of <c>TEAMBOT_POSTGRES</c>, so that each setup starts from empty tables.</summary>
internal sealed class BenchSchema : IAsyncDisposable
{
    private readonly NpgsqlDataSource _admin;
    private readonly string _name = $"bench_{Guid.NewGuid():N}";

    private BenchSchema(NpgsqlDataSource admin, string connectionString)
    {
        _admin = admin;
        ConnectionString = new NpgsqlConnectionStringBuilder(connectionString) { SearchPath = _name }.ConnectionString;
    }

    /// <summary>Gets the connection string whose search path is the schema.</summary>
    public string ConnectionString { get; }

    /// <summary>The PostgreSQL to measure on, or <see langword="null"/> when <c>TEAMBOT_POSTGRES</c> is not set.</summary>
    public static string? Server => Environment.GetEnvironmentVariable("TEAMBOT_POSTGRES") is { Length: > 0 } value ? value : null;

    public static async Task<BenchSchema> CreateAsync()
    {
        string server = Server ?? throw new InvalidOperationException("TEAMBOT_POSTGRES is not set: start one with `export TEAMBOT_POSTGRES=$(bash .ci/postgres.sh start)`.");
        var schema = new BenchSchema(NpgsqlDataSource.Create(server), server);
        await using NpgsqlCommand create = schema._admin.CreateCommand($"create schema {schema._name}");
        await create.ExecuteNonQueryAsync();
        return schema;
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using (NpgsqlCommand drop = _admin.CreateCommand($"drop schema {_name} cascade"))
        {
            await drop.ExecuteNonQueryAsync();
        }

        await _admin.DisposeAsync();
    }
}
