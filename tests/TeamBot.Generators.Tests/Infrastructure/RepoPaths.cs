using System;
using System.IO;

namespace TeamBot.Generators.Tests.Infrastructure;

/// <summary>Finds files in the repository the tests were built from.</summary>
internal static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string Golden(params string[] parts) =>
        Path.Combine([Root, "tests", "TeamBot.Generators.Tests", "Golden", .. parts]);

    private static string FindRoot()
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
