using System.Linq;
using System.Text;
using System.Text.RegularExpressions;

namespace TeamBot.FakeCopilot;

/// <summary>What a cooperative team member answers to TeamBot's prompts: approvals, passing scenarios, the artifacts asked for.</summary>
internal static partial class Answers
{
    public static string For(string prompt)
    {
        if (prompt.Contains("Review the work below", System.StringComparison.Ordinal))
        {
            return "VERIFIED_APPROVED: the work meets its exit criteria.";
        }

        if (prompt.Contains("Execute each acceptance test scenario", System.StringComparison.Ordinal))
        {
            return string.Join("\n", ScenarioId().Matches(prompt).Select(m => m.Groups["id"].Value).Distinct().Select(id => $"{id}: PASS - verified"));
        }

        var answer = new StringBuilder("Done.\n\n");
        Match required = RequiredArtifacts().Match(prompt);
        foreach (Match item in ListItem().Matches(required.Success ? required.Groups["list"].Value : ""))
        {
            string path = item.Groups["item"].Value.Trim();
            answer.Append("=== artifact: ").Append(path).Append(" ===\n# ").Append(path).Append("\n\nWritten by Copilot.\n");
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
