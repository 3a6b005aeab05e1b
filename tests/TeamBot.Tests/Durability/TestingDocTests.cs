using System;
using System.IO;
using System.Text.RegularExpressions;
using TeamBot.Tests.Support;

namespace TeamBot.Tests.Durability;

/// <summary>docs/testing.md shows <see cref="KitExampleTests"/> as it is: the example a reader copies compiles and passes.</summary>
public sealed class TestingDocTests
{
    [Fact]
    public void The_guide_s_example_is_the_test_the_repository_runs()
    {
        string guide = File.ReadAllText(Path.Combine(TestSupport.RepoRoot, "docs", "testing.md")).ReplaceLineEndings("\n");
        string example = File.ReadAllText(Path.Combine(TestSupport.RepoRoot, "tests", "TeamBot.Tests", "Durability", "KitExampleTests.cs")).ReplaceLineEndings("\n");

        Match block = Regex.Match(guide, "<!-- example: tests/TeamBot.Tests/Durability/KitExampleTests.cs -->\n```csharp\n(?<code>.*?)```", RegexOptions.Singleline);

        Assert.True(block.Success, "docs/testing.md has no example block marked with its source file");
        Assert.Equal(example, block.Groups["code"].Value);
    }
}
