using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Text.RegularExpressions;
using TeamBot.AcceptanceTests;
using TeamBot.Rules;

namespace TeamBot.Agents;

/// <summary>
/// Turns an LLM's text answer into an <see cref="AgentResponse"/>: artifact sections, scenario results, and the
/// instructions that ask for them. Shared by every agent whose model answers in free text.
/// </summary>
internal static partial class AnswerReader
{
    /// <summary>The line that starts each artifact in an answer; the prompt asks the model for it.</summary>
    internal const string ArtifactMarker = "=== artifact: ";

    /// <summary>The prompt of <paramref name="request"/>: <see cref="PromptBuilder"/>'s text and how to lay out artifacts.</summary>
    public static string Prompt(AgentRequest request) => PromptBuilder.Build(request) + ArtifactInstructions(request);

    /// <summary>The response <paramref name="answer"/> gives to <paramref name="request"/>.</summary>
    public static AgentResponse Response(AgentRequest request, string answer, ImmutableArray<ToolCall> toolCalls) => new()
    {
        Output = answer,
        Artifacts = Artifacts(answer, request.Context.RequiredArtifacts),
        ScenarioResults = request.Task == AgentTask.RunAcceptanceTests ? ScenarioResults(answer, request.Context.Scenarios) : [],
        ToolCalls = toolCalls,
    };

    /// <summary>Pulls the <c>=== artifact: path ===</c> sections out of an answer; a lone artifact falls back to the whole answer.</summary>
    public static IReadOnlyDictionary<string, string> Artifacts(string answer, IReadOnlyList<string> required)
    {
        ArgumentNullException.ThrowIfNull(answer);
        ArgumentNullException.ThrowIfNull(required);
        var artifacts = new Dictionary<string, string>(StringComparer.Ordinal);
        MatchCollection markers = ArtifactLine().Matches(answer);
        for (int i = 0; i < markers.Count; i++)
        {
            string path = markers[i].Groups["path"].Value.Trim();
            int start = markers[i].Index + markers[i].Length;
            int end = i + 1 < markers.Count ? markers[i + 1].Index : answer.Length;
            if (required.Contains(path))
            {
                artifacts[path] = answer[start..end].Trim() + "\n";
            }
        }

        if (artifacts.Count == 0 && required.Count == 1)
        {
            artifacts[required[0]] = answer.Trim() + "\n";
        }

        return artifacts;
    }

    /// <summary>Reads <c>AT-001: PASS</c> / <c>AT-002: FAIL - reason</c> lines; a scenario without a line is not reported.</summary>
    public static ImmutableArray<ScenarioResult> ScenarioResults(string answer, ImmutableArray<AcceptanceScenario> scenarios)
    {
        ArgumentNullException.ThrowIfNull(answer);
        var results = ImmutableArray.CreateBuilder<ScenarioResult>();
        foreach (Match match in ResultLine().Matches(answer))
        {
            string id = match.Groups["id"].Value;
            if (scenarios.Any(scenario => scenario.Id == id))
            {
                ScenarioOutcome outcome = match.Groups["outcome"].Value.ToUpperInvariant() switch { "PASS" or "PASSED" => ScenarioOutcome.Passed, "SKIP" or "SKIPPED" => ScenarioOutcome.Skipped, _ => ScenarioOutcome.Failed };
                results.Add(new ScenarioResult(id, outcome, match.Groups["detail"].Value.Trim()));
            }
        }

        return results.ToImmutable();
    }

    private static string ArtifactInstructions(AgentRequest request) =>
        request.Context.RequiredArtifacts.IsEmpty || request.Task is AgentTask.Review or AgentTask.FixAcceptanceFailures
            ? ""
            : $"\n## How to answer\n\nWrite each required artifact as a section that starts with a line `{ArtifactMarker}<path> ===`, for example `{ArtifactMarker}{request.Context.RequiredArtifacts[0]} ===`.\n";

    [GeneratedRegex(@"^=== artifact:\s*(?<path>[^=\n]+?)\s*===\s*$", RegexOptions.Multiline | RegexOptions.CultureInvariant)]
    private static partial Regex ArtifactLine();

    [GeneratedRegex(@"\b(?<id>AT-\d+)\b\s*[:\-]\s*\**(?<outcome>PASS(?:ED)?|FAIL(?:ED)?|SKIP(?:PED)?)\**\b(?<detail>[^\n]*)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ResultLine();
}
