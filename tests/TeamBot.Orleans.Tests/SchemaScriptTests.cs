using System.IO;
using System.Text.RegularExpressions;
using TeamBot.Orleans.Clustering;
using TeamBot.Orleans.Storage;
using TeamBot.Tests.Support;

namespace TeamBot.Orleans.Tests;

/// <summary>The documented schema script creates exactly what the silos create.</summary>
public sealed partial class SchemaScriptTests
{
    [Fact]
    public void The_deploy_script_holds_the_tables_the_code_creates()
    {
        string script = Normalize(File.ReadAllText(Path.Combine(TestSupport.RepoRoot, "deploy", "postgresql", "teambot.sql")));

        Assert.Contains(Normalize(PostgresJsonStateBackend.Schema), script, System.StringComparison.Ordinal);
        Assert.Contains(Normalize(PostgresMembershipTable.Schema), script, System.StringComparison.Ordinal);
        Assert.Contains(Normalize(PostgresRunIndex.Schema), script, System.StringComparison.Ordinal);
    }

    private static string Normalize(string sql) => Whitespace().Replace(Comments().Replace(sql, ""), " ").Trim();

    [GeneratedRegex(@"--[^\n]*")]
    private static partial Regex Comments();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
