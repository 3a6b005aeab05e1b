using System;
using System.IO;
using System.Threading.Tasks;
using Npgsql;
using TeamBot.Tests.Support;

namespace TeamBot.Orleans.Tests;

/// <summary>
/// A schema of its own in the test server, with TeamBot's tables created ahead by the admin (or not), and a login role
/// with only the rights a test grants: what a production silo whose role may not create tables sees.
/// </summary>
internal sealed class PostgresScratch : IAsyncDisposable
{
    private readonly NpgsqlDataSource _admin;

    private PostgresScratch(NpgsqlDataSource admin, string name)
    {
        _admin = admin;
        Name = name;
    }

    /// <summary>Gets the schema's and the role's name.</summary>
    public string Name { get; }

    /// <summary>Gets the role's connection string, with the schema as its search path.</summary>
    public string ConnectionString => new NpgsqlConnectionStringBuilder(PostgresFactAttribute.ConnectionString) { Username = Name, SearchPath = Name }.ConnectionString;

    /// <summary>Creates the schema and the role; the role may use the schema but not create in it.</summary>
    /// <param name="tablesAhead">Whether the admin runs <c>deploy/postgresql/teambot.sql</c> in the schema first.</param>
    /// <param name="rights">The rights granted on every table, for example <c>select, insert, update, delete</c>.</param>
    public static async Task<PostgresScratch> CreateAsync(bool tablesAhead, string rights)
    {
        var admin = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(PostgresFactAttribute.ConnectionString) { SearchPath = "" }.ConnectionString);
        var scratch = new PostgresScratch(admin, $"scratch_{Guid.NewGuid():N}");
        await scratch.ExecuteAsync($"create schema {scratch.Name}; create role {scratch.Name} login; grant usage on schema {scratch.Name} to {scratch.Name};");
        if (tablesAhead)
        {
            string script = await File.ReadAllTextAsync(Path.Combine(TestSupport.RepoRoot, "deploy", "postgresql", "teambot.sql"));
            await scratch.ExecuteAsync($"set search_path to {scratch.Name}; {script}; grant {rights} on all tables in schema {scratch.Name} to {scratch.Name}; reset search_path;");
        }

        return scratch;
    }

    /// <summary>A command run as the admin; name the schema's tables with <see cref="Name"/>.</summary>
    public NpgsqlCommand AdminCommand(string sql) => _admin.CreateCommand(sql);

    public async ValueTask DisposeAsync()
    {
        // The test's pools may still hold the role's connections.
        NpgsqlConnection.ClearAllPools();
        await ExecuteAsync($"drop schema {Name} cascade; drop owned by {Name}; drop role {Name};");
        await _admin.DisposeAsync();
    }

    /// <summary>Runs <paramref name="sql"/> as the admin, for example to audit the role's writes with a trigger.</summary>
    public async Task ExecuteAsync(string sql)
    {
        await using NpgsqlCommand command = _admin.CreateCommand(sql);
        await command.ExecuteNonQueryAsync();
    }
}
