using System;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using TeamBot.Tests.Support;

namespace TeamBot.Tests.Architecture;

/// <summary>
/// docs/migrating-from-python.md names, for every difference from the Python TeamBot, the test that pins it: each name
/// must be a test that exists, so the guide cannot claim a pin that was renamed or removed.
/// </summary>
public sealed partial class MigrationGuideTests
{
    [Fact]
    public void Every_test_the_migration_guide_names_exists()
    {
        string guide = File.ReadAllText(Path.Combine(TestSupport.RepoRoot, "docs", "migrating-from-python.md"));
        string[] sources = [.. Directory.EnumerateFiles(Path.Combine(TestSupport.RepoRoot, "tests"), "*.cs", SearchOption.AllDirectories)
            .Where(path => !path.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal) && !path.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))];

        string[] named = [.. guide.Split('\n').Where(line => line.StartsWith('|')).Where(line => !line.StartsWith("| ---", StringComparison.Ordinal)).Select(line => line.TrimEnd().TrimEnd('|').Split('|')[^1])
            .SelectMany(cell => TestName().Matches(cell).Select(match => match.Groups["name"].Value))];

        Assert.True(named.Length >= 20, $"the guide names only {named.Length} tests");
        foreach (string name in named)
        {
            string[] parts = name.Split('.', 2);
            string? file = sources.FirstOrDefault(path => Path.GetFileNameWithoutExtension(path) == parts[0]);
            Assert.True(file is not null, $"the guide names '{name}', but there is no test class '{parts[0]}'");
            if (parts.Length == 2)
            {
                // A name cut short with '…' names the test it starts.
                string method = parts[1].TrimEnd('…', '_');
                Assert.True(File.ReadAllText(file!).Contains(" " + method, StringComparison.Ordinal), $"the guide names '{name}', but {parts[0]} has no such test");
            }
        }
    }

    // Every code span of a table's last column ("Test") names a test class, or a class and the start of a test's name.
    [GeneratedRegex("`(?<name>[^`]+)`")]
    private static partial Regex TestName();
}
