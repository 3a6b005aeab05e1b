using System.IO;
using TeamBot.Tests.Support;

namespace TeamBot.Generators.Tests.Infrastructure;

/// <summary>Finds files in the repository the tests were built from.</summary>
internal static class RepoPaths
{
    public static string Root => TestSupport.RepoRoot;

    public static string Golden(params string[] parts) =>
        Path.Combine([Root, "tests", "TeamBot.Generators.Tests", "Golden", .. parts]);
}
