using System;
using System.IO;

namespace TeamBot.Hosting.Tests;

/// <summary>The fake MCP server (tests/TeamBot.FakeMcp), built beside this test project, and what it logged.</summary>
internal static class FakeMcp
{
    /// <summary>Gets the fake's executable (its app host), in the same configuration and framework folder as these tests.</summary>
    public static string Path { get; } = System.IO.Path.Combine(
        AppContext.BaseDirectory.Replace($"{System.IO.Path.DirectorySeparatorChar}TeamBot.Hosting.Tests{System.IO.Path.DirectorySeparatorChar}", $"{System.IO.Path.DirectorySeparatorChar}TeamBot.FakeMcp{System.IO.Path.DirectorySeparatorChar}", StringComparison.Ordinal),
        OperatingSystem.IsWindows() ? "TeamBot.FakeMcp.exe" : "TeamBot.FakeMcp");

    /// <summary>The name of the file the fake's <c>delete_all</c> leaves in its folder.</summary>
    public const string Marker = "deleted-all.marker";

    /// <summary>What the fake started with <paramref name="folder"/> logged: <c>start</c>, then one line per tool call.</summary>
    public static string[] Log(string folder)
    {
        string log = System.IO.Path.Combine(folder, "fake-mcp.log");
        return File.Exists(log) ? File.ReadAllLines(log) : [];
    }
}
