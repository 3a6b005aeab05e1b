using System;
using System.IO;

namespace TeamBot.Hosting.Tests;

/// <summary>The teambot tool as built beside these tests (the project references TeamBot.Cli without its assembly).</summary>
internal static class BuiltTool
{
    /// <summary>Gets the tool's output folder.</summary>
    public static string Folder { get; } = AppContext.BaseDirectory.Replace(
        $"{Path.DirectorySeparatorChar}tests{Path.DirectorySeparatorChar}TeamBot.Hosting.Tests{Path.DirectorySeparatorChar}",
        $"{Path.DirectorySeparatorChar}src{Path.DirectorySeparatorChar}TeamBot.Cli{Path.DirectorySeparatorChar}",
        StringComparison.Ordinal);

    /// <summary>Gets the tool's assembly, to run with <c>dotnet</c>.</summary>
    public static string Dll { get; } = Path.Combine(Folder, "TeamBot.Cli.dll");
}
