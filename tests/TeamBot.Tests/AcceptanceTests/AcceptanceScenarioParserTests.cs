using System.Linq;
using TeamBot.AcceptanceTests;
using TeamBot.Tests.Fakes;

namespace TeamBot.Tests.AcceptanceTests;

public sealed class AcceptanceScenarioParserTests
{
    [Fact]
    public void Scenarios_and_their_fields_are_read_from_the_section_only()
    {
        var scenarios = AcceptanceScenarioParser.Parse(FakeTeam.Spec);

        Assert.Equal(["AT-001", "AT-002"], scenarios.Select(s => s.Id));
        AcceptanceScenario first = scenarios[0];
        Assert.Equal("Export a report", first.Name);
        Assert.Equal("The user exports a report.", first.Description);
        Assert.Equal("A report exists.", first.Preconditions);
        Assert.Equal("1. Click export.", first.Steps);
        Assert.Equal("A CSV file is saved.", first.ExpectedResult);
        Assert.Equal("The file exists.", first.Verification);
        Assert.Equal("", scenarios[1].Preconditions);
    }

    [Theory]
    [InlineData("# Spec\nNo scenarios here.")]
    [InlineData("## Acceptance Test Scenarios\n\nTo be written.\n")]
    [InlineData("## Other\n### AT-001: Not in the section\n")]
    public void A_spec_without_scenarios_gives_none(string spec) => Assert.Empty(AcceptanceScenarioParser.Parse(spec));
}
