using System;
using System.IO;
using System.Linq;

namespace TeamBot.Hosting.Tests;

/// <summary>The fake <c>copilot</c> executable (tests/TeamBot.FakeCopilot), built beside this test project, and what it logged.</summary>
internal static class FakeCopilot
{
    /// <summary>Gets the fake's executable (its app host), in the same configuration and framework folder as these tests.</summary>
    public static string Path { get; } = System.IO.Path.Combine(
        AppContext.BaseDirectory.Replace($"{System.IO.Path.DirectorySeparatorChar}TeamBot.Hosting.Tests{System.IO.Path.DirectorySeparatorChar}", $"{System.IO.Path.DirectorySeparatorChar}TeamBot.FakeCopilot{System.IO.Path.DirectorySeparatorChar}", StringComparison.Ordinal),
        OperatingSystem.IsWindows() ? "TeamBot.FakeCopilot.exe" : "TeamBot.FakeCopilot");

    /// <summary>Makes the fake started in <paramref name="directory"/> behave as <paramref name="mode"/> says (<c>hang</c>, <c>signed-out</c>, <c>permissions</c>, <c>mcp</c>).</summary>
    public static void SetMode(string directory, string mode) => File.WriteAllText(System.IO.Path.Combine(directory, "fake-copilot.mode"), mode);

    /// <summary>The requests the fake started in <paramref name="directory"/> got, as <c>method params-json</c> lines.</summary>
    public static string[] Requests(string directory)
    {
        string log = System.IO.Path.Combine(directory, "fake-copilot.log");
        return File.Exists(log) ? File.ReadAllLines(log) : [];
    }

    /// <summary>The params of each <paramref name="method"/> request the fake got.</summary>
    public static string[] Requests(string directory, string method) =>
        Requests(directory).Where(line => line.StartsWith(method + " ", StringComparison.Ordinal)).Select(line => line[(method.Length + 1)..]).ToArray();
}
