using System;
using System.Diagnostics;
using System.IO;
using System.Threading.Tasks;

namespace TeamBot.Hosting.Tests;

/// <summary>
/// The ReleaseTrain example keeps its runs in a folder of its own: in <c>.teambot</c> its run of the README's
/// objective took the main tool's <c>csv-export</c> folder, which the main tool could then neither resume nor list.
/// </summary>
public sealed class ReleaseTrainExampleTests
{
    [Fact]
    public async Task The_example_writes_its_runs_to_teambot_release_train_and_leaves_teambot_to_the_tool()
    {
        using var cli = new CliHarness();
        (int main, string mainOutput, string mainError) = await cli.RunAsync(["run", "objectives/add-export.md"]);
        Assert.True(main == ExitCodes.Complete, mainOutput + mainError);

        (int exit, string output) = await RunExampleAsync(cli.Directory, "run", "objectives/add-export.md");

        Assert.True(exit == ExitCodes.Complete, output);
        Assert.True(File.Exists(Path.Combine(cli.Directory, ".teambot-release-train", "csv-export", "orchestration_state.json")), output);
        (int status, string listed, string error) = await cli.RunAsync(["status"]);
        Assert.True(status == ExitCodes.Complete, listed + error);
        Assert.Matches(@"(?m)^csv-export\s+complete", listed);
        (int resumed, _, string resumeError) = await cli.RunAsync(["resume", "csv-export"]);
        Assert.True(resumed == ExitCodes.Complete, resumeError);
    }

    [Fact]
    public async Task The_examples_runs_folder_is_still_overridden_by_teambot_dir()
    {
        using var cli = new CliHarness();

        (int exit, string output) = await RunExampleAsync(cli.Directory, "--teambot-dir", "elsewhere", "run", "objectives/add-export.md");

        Assert.True(exit == ExitCodes.Complete, output);
        Assert.True(File.Exists(Path.Combine(cli.Directory, "elsewhere", "csv-export", "orchestration_state.json")), output);
        Assert.False(Directory.Exists(Path.Combine(cli.Directory, ".teambot-release-train")), output);
    }

    private static async Task<(int ExitCode, string Output)> RunExampleAsync(string directory, params string[] args)
    {
        string example = Path.Combine(AppContext.BaseDirectory.Replace($"{Path.DirectorySeparatorChar}tests{Path.DirectorySeparatorChar}TeamBot.Hosting.Tests{Path.DirectorySeparatorChar}", $"{Path.DirectorySeparatorChar}examples{Path.DirectorySeparatorChar}ReleaseTrain{Path.DirectorySeparatorChar}", StringComparison.Ordinal), "ReleaseTrain.dll");
        Assert.True(File.Exists(example), example);
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(example);
        foreach (string argument in args)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["CI"] = "1";
        using Process process = Process.Start(start)!;
        Task<string> error = process.StandardError.ReadToEndAsync();
        string output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
        return (process.ExitCode, output + await error);
    }
}
