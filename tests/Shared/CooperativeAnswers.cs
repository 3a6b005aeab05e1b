using System;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;

namespace TeamBot.Tests.Support;

/// <summary>
/// What a cooperative team member answers to TeamBot's prompts: approvals, passing scenarios, the artifacts asked for.
/// Shared by the fake model server and the fake Copilot CLI, so both play the same team.
/// </summary>
internal static partial class CooperativeAnswers
{
    /// <param name="prompt">The prompt TeamBot sent.</param>
    /// <param name="author">Who the artifacts say wrote them (the model, Copilot).</param>
    public static string For(string prompt, string author)
    {
        if (prompt.Contains("Review the work below", StringComparison.Ordinal))
        {
            return "VERIFIED_APPROVED: the work meets its exit criteria.";
        }

        if (prompt.Contains("Execute each acceptance test scenario", StringComparison.Ordinal))
        {
            return string.Join("\n", ScenarioId().Matches(prompt).Select(m => m.Groups["id"].Value).Distinct().Select(id => $"{id}: PASS - verified"));
        }

        var answer = new StringBuilder("Done.\n\n");
        Match required = RequiredArtifacts().Match(prompt);
        foreach (Match item in ListItem().Matches(required.Success ? required.Groups["list"].Value : ""))
        {
            string path = item.Groups["item"].Value.Trim();
            answer.Append("=== artifact: ").Append(path).Append(" ===\n# ").Append(path).Append("\n\nWritten by ").Append(author).Append(".\n");
            if (path == "feature_spec.md")
            {
                answer.Append("\n## Acceptance Test Scenarios\n\n### AT-001: Export works\n**Description**: Export.\n**Expected Result**: A CSV.\n\n### AT-002: Empty report\n**Expected Result**: Header only.\n");
            }

            answer.Append('\n');
        }

        return answer.ToString();
    }

    [GeneratedRegex(@"### (?<id>AT-\d+):")]
    private static partial Regex ScenarioId();

    [GeneratedRegex(@"### Required artifacts\n\n(?<list>(?:- [^\n]+\n)+)")]
    private static partial Regex RequiredArtifacts();

    [GeneratedRegex(@"^- (?<item>.+)$", RegexOptions.Multiline)]
    private static partial Regex ListItem();
}
