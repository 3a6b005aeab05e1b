using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using TeamBot.State;

namespace TeamBot.Hosting.Tests;

/// <summary>
/// <c>teambot status</c> over a runs folder with runs it cannot read (a corrupt state file, another workflow's run):
/// every readable run is listed and each unreadable one named; only a run asked for by name fails the command.
/// </summary>
public sealed class StatusListingTests
{
    [Fact]
    public async Task Status_lists_every_readable_run_names_each_unreadable_one_and_exits_0()
    {
        using var cli = await RunsFolderAsync();

        (int exit, string output, string error) = await cli.RunAsync(["status"]);

        Assert.True(exit == ExitCodes.Complete, output + error);
        Assert.Matches(@"(?m)^good\s+in_progress\s+at SETUP\s+0/14 stages", output);
        Assert.Matches(@"(?m)^broken: cannot be read: .*orchestration_state\.json", output);
        Assert.Matches(@"(?m)^release: cannot be read: .*BACKEND", output);
        Assert.Equal("", error);
        Assert.DoesNotMatch(@"(?m)^\s+at \S+\(", output);
    }

    [Theory]
    [InlineData("broken")]
    [InlineData("release")]
    public async Task Status_of_one_unreadable_run_named_exits_1_with_one_line(string name)
    {
        using var cli = await RunsFolderAsync();

        (int exit, string output, string error) = await cli.RunAsync(["status", name]);

        Assert.Equal(ExitCodes.BadInput, exit);
        Assert.StartsWith($"{name}: cannot be read: ", error, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Trim());
        Assert.Equal("", output);
    }

    /// <summary>A runs folder with a readable run, a corrupt one, and one of a workflow with stages this one lacks.</summary>
    private static async Task<CliHarness> RunsFolderAsync()
    {
        var cli = new CliHarness();
        await new FileStateStore(cli.RunDirectory("good")).SaveAsync(new OrchestrationStateDocument { FeatureName = "good", Status = "in_progress", CurrentStage = "SETUP", CompletedStages = [] }, CancellationToken.None);
        Directory.CreateDirectory(cli.RunDirectory("broken"));
        await File.WriteAllTextAsync(Path.Combine(cli.RunDirectory("broken"), FileStateStore.StateFileName), "{ \"status\": ");
        await new FileStateStore(cli.RunDirectory("release")).SaveAsync(new OrchestrationStateDocument { FeatureName = "release", Status = "in_progress", CurrentStage = "BACKEND", CompletedStages = ["PLAN"] }, CancellationToken.None);
        return cli;
    }
}
