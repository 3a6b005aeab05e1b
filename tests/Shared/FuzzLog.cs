using System;
using System.Globalization;
using System.IO;
using Xunit.Abstractions;

namespace TeamBot.Tests.Support;

/// <summary>
/// The size of a fuzz test and its report: in the test's output, and in <c>TestResults/fuzz.txt</c> at the repository
/// root, which <c>.ci/run</c> prints before its totals.
/// </summary>
internal static class FuzzLog
{
    /// <summary>The variable that sets every fuzz test's case count (for example 100000 for a long run outside CI).</summary>
    public const string CasesVariable = "TEAMBOT_FUZZ_CASES";

    /// <summary>The number of cases to run: <see cref="CasesVariable"/> when set, else <paramref name="ciDefault"/>.</summary>
    public static int Cases(int ciDefault) =>
        int.TryParse(Environment.GetEnvironmentVariable(CasesVariable), NumberStyles.None, CultureInfo.InvariantCulture, out int cases) && cases > 0
            ? cases
            : ciDefault;

    public static void Write(ITestOutputHelper output, string kind, string summary)
    {
        string line = $"fuzz, {kind}: {summary}";
        output.WriteLine(line);
        TestSupport.AppendResult("fuzz.txt", line);
    }
}
