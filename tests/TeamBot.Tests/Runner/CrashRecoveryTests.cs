using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using TeamBot.State;
using Xunit.Abstractions;

namespace TeamBot.Tests.Runner;

/// <summary>
/// The real crash test: a separate process runs the workflow with slow scripted agents (reviews that reject, an
/// acceptance run that fails) and is killed at random moments; each time it resumes, no stage recorded as completed runs
/// again, the state file is always valid JSON, and the run ends in the same state, with the same files, as the same run
/// never killed.
/// </summary>
public sealed class CrashRecoveryTests(ITestOutputHelper output)
{
    private const int Seed = 1124;
    private const int Kills = 8;

    [Fact]
    public async Task Killed_at_random_moments_the_run_resumes_and_completes_without_rerunning_completed_stages()
    {
        string directory = Path.Combine(Path.GetTempPath(), "teambot-crash", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        string calls = Path.Combine(directory, "agent-calls.txt");
        string reference = directory + "-reference";
        string statePath = Path.Combine(directory, FileStateStore.StateFileName);
        var random = new Random(Seed);
        var completedAtKill = new List<HashSet<string>>();
        int reads = 0;
        int journalEntries = 0;
        try
        {
            for (int attempt = 0; ; attempt++)
            {
                using Process process = Start(directory, calls, attempt);
                bool kill = attempt < Kills;
                var deadline = Stopwatch.StartNew();

                // The clock starts when this attempt's first agent call is recorded, not at process start: a loaded
                // machine (CI runs test assemblies side by side) must not turn every kill into one before any work.
                int killAfter = random.Next(30, 300);
                Stopwatch? working = null;
                while (!process.HasExited && deadline.Elapsed < TimeSpan.FromMinutes(2))
                {
                    reads += AssertValidJson(statePath) ? 1 : 0;
                    working ??= Called(calls, attempt) ? Stopwatch.StartNew() : null;
                    if (kill && working is not null && working.ElapsedMilliseconds >= killAfter)
                    {
                        process.Kill(entireProcessTree: true);
                        break;
                    }

                    await Task.Delay(5);
                }

                await process.WaitForExitAsync();
                AssertValidJson(statePath);
                (HashSet<string> completed, int replayed) = await CompletedAsync(directory);
                journalEntries += replayed;
                output.WriteLine($"attempt {attempt}: {(kill ? $"killed {killAfter} ms into its work" : "ran to the end")}, exit {process.ExitCode}, {completed.Count} stages completed ({replayed} of the events only in the journal)");
                if (!kill || process.ExitCode == 0)
                {
                    Assert.Equal(0, process.ExitCode);
                    break;
                }

                completedAtKill.Add(completed);
            }

            using JsonDocument final = JsonDocument.Parse(File.ReadAllBytes(statePath));
            Assert.Equal("complete", final.RootElement.GetProperty("status").GetString());
            string[] lines = File.ReadAllLines(calls);
            for (int kill = 0; kill < completedAtKill.Count; kill++)
            {
                IEnumerable<string> rerun = lines.Select(line => line.Split(' '))
                    .Where(parts => parts[0] == "START" && int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture) > kill)
                    .Select(parts => parts[2])
                    .Where(completedAtKill[kill].Contains);
                Assert.Empty(rerun);
            }

            // The same run never killed ends in the same state, with the same files.
            Directory.CreateDirectory(reference);
            using (Process uncrashed = Start(reference, Path.Combine(reference, "agent-calls.txt"), 0))
            {
                await uncrashed.WaitForExitAsync();
                Assert.Equal(0, uncrashed.ExitCode);
            }

            Assert.Equal(Comparable(Path.Combine(reference, FileStateStore.StateFileName)), Comparable(statePath));
            Assert.Equal(Files(reference), Files(directory));

            output.WriteLine($"{completedAtKill.Count} kills, {reads} state reads while running, {lines.Count(l => l.StartsWith("START", StringComparison.Ordinal))} agent calls in all");
            Assert.True(completedAtKill.Any(set => set.Count > 0), "no kill happened after a stage completed; the test proved nothing");
            Assert.True(journalEntries > 0, "no kill left events in the journal after the snapshot; the replay was not tested");
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
            if (Directory.Exists(reference))
            {
                Directory.Delete(reference, recursive: true);
            }
        }
    }

    /// <summary>The state file without what differs between any two runs: how long they took and how their journal was cut.</summary>
    private static string Comparable(string statePath)
    {
        var state = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(statePath))!.AsObject();
        state.Remove("elapsed_seconds");
        state.Remove("journal_sequence");
        return state.ToJsonString();
    }

    /// <summary>The run's artifacts and failure reports; a report's name and first lines say when it was written, which differs between any two runs.</summary>
    private static string[] Files(string runDirectory) =>
        new[] { "artifacts", "failures" }.Select(folder => Path.Combine(runDirectory, folder)).Where(Directory.Exists)
            .SelectMany(folder => Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories))
            .Select(path => $"{WithoutTimestamp(Path.GetRelativePath(runDirectory, path))}: {WithoutTimestamp(File.ReadAllText(path))}")
            .Order(StringComparer.Ordinal)
            .ToArray();

    private static string WithoutTimestamp(string text) =>
        System.Text.RegularExpressions.Regex.Replace(text, @"\d{8}-\d{6}-|\*\*Timestamp\*\*: [^\n]*", "", System.Text.RegularExpressions.RegexOptions.None, TimeSpan.FromSeconds(1));

    private static bool Called(string calls, int attempt)
    {
        try
        {
            using var stream = new FileStream(calls, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            using var reader = new StreamReader(stream);
            string prefix = $"START {attempt} ";
            for (string? line = reader.ReadLine(); line is not null; line = reader.ReadLine())
            {
                if (line.StartsWith(prefix, StringComparison.Ordinal))
                {
                    return true;
                }
            }

            return false;
        }
        catch (FileNotFoundException)
        {
            return false;
        }
    }

    private static Process Start(string directory, string calls, int attempt)
    {
        string host = Path.Combine(AppContext.BaseDirectory.Replace($"{Path.DirectorySeparatorChar}TeamBot.Tests{Path.DirectorySeparatorChar}", $"{Path.DirectorySeparatorChar}TeamBot.CrashHost{Path.DirectorySeparatorChar}", StringComparison.Ordinal), "TeamBot.CrashHost.dll");
        Assert.True(File.Exists(host), $"{host} was not built");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string argument in new[] { host, directory, calls, attempt.ToString(System.Globalization.CultureInfo.InvariantCulture) })
        {
            start.ArgumentList.Add(argument);
        }

        return Process.Start(start)!;
    }

    /// <summary>Reads the state file, if there is one yet, and fails unless it is whole JSON; returns whether it was read.</summary>
    private static bool AssertValidJson(string path)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (FileNotFoundException)
        {
            return false;
        }

        using JsonDocument document = JsonDocument.Parse(bytes);
        return true;
    }

    /// <summary>What the runner will resume from: the snapshot with the journal replayed over it.</summary>
    private static async Task<(HashSet<string> Completed, int Replayed)> CompletedAsync(string directory)
    {
        SavedRun<Stage>? saved = await SavedRun.LoadAsync(Workflow.Definition, new FileStateStore(directory));
        return saved is null
            ? ([], 0)
            : (saved.State.Completed.Select(Workflow.Definition.GetStageName).ToHashSet(), saved.ReplayedEntries);
    }
}
