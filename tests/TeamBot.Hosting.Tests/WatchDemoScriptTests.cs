using System;
using System.Diagnostics;
using System.IO;
using System.Threading.Tasks;
using TeamBot.Tests.Support;

namespace TeamBot.Hosting.Tests;

/// <summary>eng/watch-demo.sh: the main job, on a real terminal, shows the parallel group's members running at once.</summary>
public sealed class WatchDemoScriptTests
{
    [TmuxFact]
    public async Task The_interactive_demo_shows_RESEARCH_and_TEST_STRATEGY_running_at_the_same_time()
    {
        // The tool this test project builds, not 'dotnet run': a build inside a test would take minutes.
        string tool = BuiltTool.Dll;
        Assert.True(File.Exists(tool), tool);
        var start = new ProcessStartInfo("bash") { WorkingDirectory = TestSupport.RepoRoot, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(TestSupport.RepoRoot, "eng", "watch-demo.sh"));
        start.Environment["TEAMBOT_DEMO_COMMAND"] = $"dotnet {tool}";
        start.Environment["WATCH_DEMO_TIMEOUT"] = "45";

        using Process process = Process.Start(start)!;
        Task<string> output = process.StandardOutput.ReadToEndAsync();
        string error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(55));

        Assert.True(process.ExitCode == 0, await output + error);
        string screen = await output;
        Assert.Matches(@"RESEARCH .*running", screen);
        Assert.Matches(@"TEST_STRATEGY .*running", screen);
    }
}
