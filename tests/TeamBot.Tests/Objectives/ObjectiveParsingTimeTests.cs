using System;
using System.Diagnostics;
using System.Text;
using System.Threading.Tasks;
using TeamBot.Objectives;
using Xunit.Abstractions;

namespace TeamBot.Tests.Objectives;

/// <summary>
/// Objectives at the size limit built to make a backtracking parser go quadratic: long runs of blank lines, spaces and
/// bold markers where the grammar's patterns start and fail. A 50 MB objective with an inline <c>**Success
/// Criteria**:</c> once ended in a RegexMatchTimeoutException; other patterns had no timeout and would never end.
/// </summary>
public sealed class ObjectiveParsingTimeTests(ITestOutputHelper output)
{
    // Not a performance target (those live in benchmarks): a guard that turns a parser that never ends into a failure
    // instead of a hung run. Linear parsing of 1 MiB takes milliseconds; quadratic parsing of it takes hours.
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(2);

    private static readonly int Room = ObjectiveParser.MaxFileBytes - 200;

    [Theory]
    [InlineData("inline criteria over blank lines", "## Objective\n\n**Goal**: Go.\n\n**Success Criteria**:\n- [ ] first\n", "\n", "- [ ] last\n")]
    [InlineData("inline criteria over bold lines", "## Objective\n\n**Goal**: Go.\n\n**Success Criteria**:\n", "**x\n", "- [ ] last\n")]
    [InlineData("inline criteria over spaces", "## Objective\n\n**Goal**: Go.\n\n**Success Criteria**:", " ", "x\n")]
    [InlineData("inline goal after blank lines", "## Objective\nIntro.\n", "\n", "**Goal**: Go.\n")]
    [InlineData("inline goal after marker lines", "## Objective\nIntro.\n", "-\n", "**Goal**: Go.\n")]
    [InlineData("list items between blank lines", "# Objective: Items\n\n## Goals\n1. first\n", "\n", "2. last\n")]
    [InlineData("list items between space lines", "# Objective: Items\n\n## Goals\n1. first\n", " \n", "2. last\n")]
    [InlineData("list markers alone", "# Objective: Items\n\n## Goals\n", "-\n", "x\n")]
    [InlineData("a section heading of spaces ending in a hash", "# Objective: Heading\n\n## Goals\n1. x\n##", " ", "#\n")]
    [InlineData("section headings of spaces", "# Objective: Headings\n\n## Goals\n1. x\n", "## \n", "\n")]
    [InlineData("a title of spaces", "#", " ", "\n## Objective\n\n**Goal**: Go.\n")]
    [InlineData("an objective title of spaces", "# Objective", " ", "x\n## Goals\n1. x\n")]
    [InlineData("a one-line goal", "## Objective\n\n**Goal**: ", "word ", "\n")]
    [InlineData("one long title word", "# Objective: ", "w", "\n## Goals\n1. x\n")]
    public async Task An_objective_at_the_size_limit_is_parsed_without_hanging(string name, string head, string repeated, string tail)
    {
        var text = new StringBuilder(head);
        while (text.Length + repeated.Length + tail.Length <= Room)
        {
            text.Append(repeated);
        }

        string objective = text.Append(tail).ToString();
        var clock = Stopwatch.StartNew();

        // Off this thread, so that a parser that never ends fails the test instead of hanging the run.
        Task<Objective> parsing = Task.Run(() => ObjectiveParser.Parse(objective, "big.md"));
        Objective parsed = await parsing.WaitAsync(Deadline);

        output.WriteLine($"{name}: {objective.Length} characters in {clock.ElapsedMilliseconds} ms, {parsed.Goals.Length} goals, {parsed.SuccessCriteria.Length} criteria.");
    }
}
