using System.Globalization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using TeamBot.Generators.Tests.Infrastructure;

namespace TeamBot.Generators.Tests;

/// <summary>
/// In a build only the generator's diagnostics are seen, so its messages must escape control characters in names as the
/// analyzer's do: a newline in a name must not cut the build's error line short.
/// </summary>
public sealed class EscapedMessageTests
{
    [Fact]
    public void TB0207_from_the_generator_shows_a_newline_in_an_agent_as_backslash_n()
    {
        const string Yaml = """
            stages:
              START: {work_agent: pm}
              A: {work_agent: "evil\nagent"}
              B: {work_agent: "evil\nagent"}
              END: {}
            stage_order: [START, A, B, END]
            parallel_groups:
              "g\u0007":
                after: START
                stages: [A, B]
                before: END

            """;

        GeneratorRun run = GeneratorHarness.Run(("/project/stages.yaml", Yaml));

        Assert.Empty(run.Workflows);
        Assert.Single(run.Stubs);
        Diagnostic diagnostic = Assert.Single(run.Diagnostics);
        Assert.Equal("TB0207", diagnostic.Id);
        Assert.Equal(
            "In parallel group 'g\\u0007', stages 'B' and 'A' both use agent 'evil\\nagent' and would run at the same time; give one of them another agent",
            diagnostic.GetMessage(CultureInfo.InvariantCulture));
        LinePositionSpan span = diagnostic.Location.GetLineSpan().Span;
        Assert.Equal((9, 16, 9, 17), (span.Start.Line, span.Start.Character, span.End.Line, span.End.Character));
    }
}
