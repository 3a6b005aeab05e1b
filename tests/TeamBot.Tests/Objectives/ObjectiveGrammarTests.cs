using System;
using System.Collections.Generic;
using System.Linq;
using TeamBot.Objectives;
using TeamBot.Tests.Support;
using Xunit.Abstractions;

namespace TeamBot.Tests.Objectives;

/// <summary>
/// The linear scanner reads objectives exactly as the regular expressions it replaced did, down to their odd corners
/// (a heading whose space runs on to the next line, a list marker alone on its line): an objective that ran before
/// runs the same now.
/// </summary>
public sealed class ObjectiveGrammarTests(ITestOutputHelper output)
{
    private const int Seed = 20261217;

    /// <summary>The corners, one by one: where a regex's whitespace ran across a line break, and where it gave some back.</summary>
    [Theory]
    [InlineData("## Objective\n\n**Goal**:\nSend a digest.\n\n**Success Criteria**:\n- Sent\n\n**Note**: x\n- Not a criterion")]
    [InlineData("## Objective\n- **goal** :   \n\n  Lower case.\n* **Problem Statement**:\n**Success Criteria**: - inline\n- next")]
    [InlineData("# Objective:\n## Goals\n1. The title is the next line.")]
    [InlineData("# Objective: Title\n##\nGoals\n1. A heading whose name is on the next line.")]
    [InlineData("# Objective: Title\n## Goals  \n  ## C# notes\n##  \n# x\n1. After a blank-named heading.")]
    [InlineData("# Objective: Title\n## Goals\n-\nfirst\n- [ ]\nsecond\n1.\n\n third\n-\n- fourth\n2)x\n+ [x]fifth\n- [ ]")]
    [InlineData("# Objective: Title\n## Goals\n- [ ]\n\n")]
    [InlineData("# Objective: Title\n## Goals\n- [ ] \n")]
    [InlineData("# Objective: Title\n## Constraints\n- a\n  \t\n")]
    [InlineData("#\n\n# Objective\t:\t Tabbed \r\n\r\n## Goals\r\n1. CRLF\r\n## Success Criteria\r\n- [x] done\r\n")]
    [InlineData("#   \n## Objective\n**Goal**: g")]
    [InlineData("## Objective\n***Goal**: starred\n**Success Criteria**:   \n\n")]
    [InlineData("## Objective\n**Goal**: g\n**Success Criteria**:\n- [ ] first\n- [ ]  \t\n\n**Note**: n")]
    [InlineData("## Objective\n**Goal**: g\n**Success Criteria**:\n- [ ] first\n- [ ]\n\n**Note**: n")]
    public void Corners_read_as_the_regex_grammar_read_them(string text)
    {
        Objective objective = ObjectiveParser.Parse(text, "objective.md");

        Assert.Equal(
            RegexObjectiveGrammar.Read(text),
            RegexObjectiveGrammar.Describe(objective.Title, objective.Goals, objective.SuccessCriteria, objective.Constraints, objective.Context));
    }

    [Fact]
    public void Mutated_objectives_read_as_the_regex_grammar_read_them()
    {
        int cases = FuzzLog.Cases(10_000);
        var mutator = new ObjectiveMutator(Seed);
        var differences = new List<string>();
        int objectives = 0;
        for (int i = 0; i < cases && differences.Count < 10; i++)
        {
            string text = mutator.NextText();
            if (text.Contains('\0', StringComparison.Ordinal))
            {
                // Refused before the grammar is reached; the fuzz test covers it.
                continue;
            }

            string[]? expected = RegexObjectiveGrammar.Read(text);
            string[]? actual;
            try
            {
                Objective objective = ObjectiveParser.Parse(text, "objective.md");
                actual = RegexObjectiveGrammar.Describe(objective.Title, objective.Goals, objective.SuccessCriteria, objective.Constraints, objective.Context);
                objectives++;
            }
            catch (ObjectiveException)
            {
                actual = null;
            }

            if (!(expected ?? ["no objective"]).SequenceEqual(actual ?? ["no objective"], StringComparer.Ordinal))
            {
                differences.Add($"case {i}:\n--- text\n{text}\n--- regex grammar\n{string.Join('\n', expected ?? ["no objective"])}\n--- scanner\n{string.Join('\n', actual ?? ["no objective"])}");
            }
        }

        FuzzLog.Write(output, "objective grammar", $"{cases} cases (seed {Seed}): {objectives} objectives, {differences.Count} read differently from the regex grammar");
        Assert.True(differences.Count == 0, string.Join("\n\n", differences));
        Assert.True(objectives > cases / 2, $"Most mutations should still be objectives: {objectives} of {cases}.");
    }
}
