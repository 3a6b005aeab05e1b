using System;
using System.Diagnostics;
using System.Linq;
using System.Threading.Tasks;
using Npgsql;
using Orleans.TestingHost;
using TeamBot.Orleans.Clustering;
using TeamBot.Orleans.Contracts;
using TeamBot.Orleans.Hosting;
using Xunit.Abstractions;

namespace TeamBot.Orleans.Tests;

/// <summary>Many runs at once on PostgreSQL as it comes out of the box.</summary>
[Collection(nameof(SharedClusterState))]
public sealed class PostgresLoadTests(ITestOutputHelper output)
{
    [PostgresFact]
    public async Task Three_hundred_concurrent_submissions_on_three_silos_all_complete_within_the_default_max_connections()
    {
        await using (NpgsqlDataSource admin = NpgsqlDataSource.Create(PostgresFactAttribute.ConnectionString!))
        await using (NpgsqlCommand show = admin.CreateCommand("show max_connections"))
        {
            output.WriteLine($"max_connections = {await show.ExecuteScalarAsync()}");
        }

        SharedCluster.Team = new ClusterTeam();
        SharedCluster.MaxConcurrency = null;
        SharedCluster.Postgres = new TeamBotPostgresOptions { ConnectionString = PostgresFactAttribute.ConnectionString! };
        try
        {
            await using TestCluster cluster = await SharedCluster.StartAsync(silos: 3);
            var client = new TeamBotClusterClient(cluster.Client);
            string prefix = Guid.NewGuid().ToString("N")[..8];
            string[] runs = Enumerable.Range(1, 300).Select(i => $"load-{prefix}-{i:000}").ToArray();

            var clock = Stopwatch.StartNew();
            (string RunId, bool Started)[] submitted = await Task.WhenAll(runs.Select(run => client.SubmitAsync(ClusterTests.Objective(run), run)));
            TimeSpan submitting = clock.Elapsed;
            RunProgress[] results = await Task.WhenAll(runs.Select(run => client.WatchAsync(run).WaitAsync(TimeSpan.FromMinutes(10))));
            output.WriteLine($"300 submissions on 3 silos: submitted in {submitting.TotalSeconds:F1} s, all finished in {clock.Elapsed.TotalSeconds:F1} s");

            Assert.All(submitted, submission => Assert.True(submission.Started));
            Assert.All(results, result => Assert.True(result.Status == Rules.RunStatus.Complete, $"{result.RunId}: {result.Status} {result.Error}"));
            Assert.Equal(runs.Length, (await client.ListAsync()).Count(run => run.RunId.StartsWith($"load-{prefix}-", StringComparison.Ordinal) && run.Status == Rules.RunStatus.Complete));
        }
        finally
        {
            SharedCluster.Postgres = null;
        }
    }
}
