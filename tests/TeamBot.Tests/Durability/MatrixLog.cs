using System.IO;
using TeamBot.Testing;
using TeamBot.Tests.Support;
using Xunit.Abstractions;

namespace TeamBot.Tests.Durability;

/// <summary>
/// Reports how much each crash matrix checked: in the test's output, and in <c>TestResults/crash-matrix.txt</c> at the
/// repository root, which <c>.ci/run</c> prints before its totals.
/// </summary>
internal static class MatrixLog
{
    private static readonly object Gate = new();

    public static void Write(ITestOutputHelper output, string host, string workload, CrashMatrixReport report)
    {
        string line = $"crash matrix, {host}, {workload}: {report}";
        output.WriteLine(line);
        lock (Gate)
        {
            string directory = Path.Combine(TestSupport.RepoRoot, "TestResults");
            Directory.CreateDirectory(directory);
            File.AppendAllText(Path.Combine(directory, "crash-matrix.txt"), line + "\n");
        }
    }
}
