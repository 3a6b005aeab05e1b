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
    public static void Write(ITestOutputHelper output, string host, string workload, CrashMatrixReport report)
    {
        string line = $"crash matrix, {host}, {workload}: {report}";
        output.WriteLine(line);
        TestSupport.AppendResult("crash-matrix.txt", line);
    }
}
