using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Threading.Tasks;

namespace TeamBot.Tests.Support;

/// <summary>Helpers every test project shares (compiled into each from tests/Shared).</summary>
internal static class TestSupport
{
    private static readonly object ResultsGate = new();

    /// <summary>Gets the repository's root: the folder with TeamBot.sln above the test's output.</summary>
    public static string RepoRoot { get; } = FindRepoRoot();

    /// <summary>Gets the paths of the running .NET's own assemblies, to compile against without downloading reference packs.</summary>
    public static string[] PlatformAssemblies { get; } =
        ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Where(path => Path.GetFileName(path).StartsWith("System.", StringComparison.Ordinal) || Path.GetFileName(path) is "netstandard.dll" or "mscorlib.dll")
            .ToArray();

    /// <summary>How long <see cref="WaitUntilAsync"/> waits: far past what a loaded machine needs, so only a real hang fails.</summary>
    public static TimeSpan Patience { get; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// Waits, polling, until <paramref name="condition"/> holds. The limit is a time, not a number of polls, so a test
    /// on a busy machine waits longer rather than failing; it fails, naming <paramref name="what"/>, only after <see cref="Patience"/>.
    /// </summary>
    public static async Task WaitUntilAsync(Func<bool> condition, string what = "the condition")
    {
        var waited = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(waited.Elapsed < Patience, $"Waited {Patience.TotalMinutes} minutes for {what}.");
            await Task.Delay(10);
        }
    }

    /// <summary>A TCP port on loopback that nothing listens on now, for a server the test starts.</summary>
    public static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    /// <summary>
    /// Appends a line to <c>TestResults/<paramref name="fileName"/></c> at the repository root, where <c>.ci/run</c>
    /// picks up what the long tests checked and prints it before its totals.
    /// </summary>
    public static void AppendResult(string fileName, string line)
    {
        lock (ResultsGate)
        {
            string directory = Path.Combine(RepoRoot, "TestResults");
            Directory.CreateDirectory(directory);
            File.AppendAllText(Path.Combine(directory, fileName), line + "\n");
        }
    }

    /// <summary>The one-based line and column of the character at <paramref name="index"/>.</summary>
    public static (int Line, int Column) Position(string text, int index)
    {
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < index; i++)
        {
            if (text[i] == '\n')
            {
                line++;
                lineStart = i + 1;
            }
        }

        return (line, index - lineStart + 1);
    }

    private static string FindRepoRoot()
    {
        for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "TeamBot.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"TeamBot.sln not found above {AppContext.BaseDirectory}.");
    }
}
