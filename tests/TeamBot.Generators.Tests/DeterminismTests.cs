using System.Linq;
using TeamBot.Generators.Tests.Infrastructure;

namespace TeamBot.Generators.Tests;

public sealed class DeterminismTests
{
    [Theory]
    [MemberData(nameof(GoldenOutputTests.Cases), MemberType = typeof(GoldenOutputTests))]
    public void Two_runs_produce_byte_identical_output(string name)
    {
        string yaml = GoldenOutputTests.ReadInput(name);

        byte[][] first = GeneratorHarness.Run(("/project/stages.yaml", yaml)).Sources.Select(source => source.SourceText.ToString()).Select(System.Text.Encoding.UTF8.GetBytes).ToArray();
        byte[][] second = GeneratorHarness.Run(("/other/place/stages.yaml", yaml)).Sources.Select(source => source.SourceText.ToString()).Select(System.Text.Encoding.UTF8.GetBytes).ToArray();

        Assert.Single(first);
        Assert.Equal(first[0], second[0]);
    }
}
