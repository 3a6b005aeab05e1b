using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;

namespace TeamBot.Tests.Objectives;

/// <summary>
/// The objective grammar as the regular expressions ObjectiveParser used before it scanned in linear time defined it,
/// kept as the oracle the scanner is checked against. Backtracking makes these quadratic on long runs of blank lines
/// and spaces, so they are only given inputs small enough for that not to matter.
/// </summary>
internal static partial class RegexObjectiveGrammar
{
    /// <summary>What the grammar reads from an objective, or <see langword="null"/> where it found no objective.</summary>
    public static string[]? Read(string text)
    {
        Dictionary<string, string> sections = Sections(text);
        string? title = TitleLine().Match(text) is { Success: true } titled ? titled.Groups["title"].Value.Trim() : null;
        string objectiveSection = sections.GetValueOrDefault("objective", "");
        string? goal = Inline(objectiveSection, "Goal");
        if (title is null && goal is null && !sections.ContainsKey("goals"))
        {
            return null;
        }

        Match heading = FirstHeading().Match(text);
        string? finalTitle = title ?? (heading.Success ? heading.Groups["title"].Value.Trim() : goal);
        if (string.IsNullOrWhiteSpace(finalTitle))
        {
            // What the grammar read as an untitled objective is refused since issue 17.
            return null;
        }

        ImmutableArray<string> goals = sections.TryGetValue("goals", out string? goalList) ? Items(goalList) : goal is null ? [] : [goal];
        string criteriaText = sections.GetValueOrDefault("success criteria") ?? After(objectiveSection, "Success Criteria") ?? "";
        var context = new StringBuilder();
        foreach (string? part in new[] { Inline(objectiveSection, "Problem Statement"), sections.GetValueOrDefault("context"), sections.GetValueOrDefault("technical context"), sections.GetValueOrDefault("additional context") })
        {
            if (!string.IsNullOrWhiteSpace(part))
            {
                context.Append(part.Trim()).Append("\n\n");
            }
        }

        return Describe(finalTitle, goals, Items(criteriaText), sections.TryGetValue("constraints", out string? constraints) ? Items(constraints) : [], context.ToString().Trim());
    }

    /// <summary>An objective's parts as one comparable array.</summary>
    public static string[] Describe(string title, IEnumerable<string> goals, IEnumerable<string> criteria, IEnumerable<string> constraints, string context) =>
        [$"title: {title}", .. goals.Select(item => $"goal: {item}"), .. criteria.Select(item => $"criterion: {item}"), .. constraints.Select(item => $"constraint: {item}"), $"context: {context}"];

    private static Dictionary<string, string> Sections(string text)
    {
        var sections = new Dictionary<string, string>(StringComparer.Ordinal);
        MatchCollection headings = SectionHeading().Matches(text);
        for (int i = 0; i < headings.Count; i++)
        {
            int start = headings[i].Index + headings[i].Length;
            int end = i + 1 < headings.Count ? headings[i + 1].Index : text.Length;
            sections.TryAdd(headings[i].Groups["name"].Value.Trim().ToLowerInvariant(), text[start..end].Trim());
        }

        return sections;
    }

    private static string? Inline(string section, string label)
    {
        Match match = Regex.Match(section, $@"^\s*[-*]?\s*\*\*{Regex.Escape(label)}\*\*\s*:\s*(?<value>.*)$", RegexOptions.Multiline | RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
        return match.Success && match.Groups["value"].Value.Trim().Length > 0 ? match.Groups["value"].Value.Trim() : null;
    }

    private static string? After(string section, string label)
    {
        Match match = Regex.Match(section, $@"\*\*{Regex.Escape(label)}\*\*\s*:(?<rest>.*?)(?=^\s*\*\*[^*]+\*\*\s*:|\z)", RegexOptions.Multiline | RegexOptions.Singleline | RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
        return match.Success ? match.Groups["rest"].Value : null;
    }

    private static ImmutableArray<string> Items(string text) =>
        ListItem().Matches(text).Select(m => m.Groups["item"].Value.Trim()).Where(item => item.Length > 0).ToImmutableArray();

    [GeneratedRegex(@"^#\s+Objective\s*:\s*(?<title>.+)$", RegexOptions.Multiline | RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex TitleLine();

    [GeneratedRegex(@"^#\s+(?<title>.+)$", RegexOptions.Multiline | RegexOptions.CultureInvariant)]
    private static partial Regex FirstHeading();

    [GeneratedRegex(@"^##\s+(?<name>[^\n#]+)$", RegexOptions.Multiline | RegexOptions.CultureInvariant)]
    private static partial Regex SectionHeading();

    [GeneratedRegex(@"^\s*(?:\d+[.)]|[-*+])\s+(?:\[[ xX]\]\s+)?(?<item>.+)$", RegexOptions.Multiline | RegexOptions.CultureInvariant)]
    private static partial Regex ListItem();
}
