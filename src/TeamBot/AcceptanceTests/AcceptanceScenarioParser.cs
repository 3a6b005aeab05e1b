using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Text.RegularExpressions;

namespace TeamBot.AcceptanceTests;

/// <summary>
/// Reads the scenarios of a spec, in the Python TeamBot's format: a <c>## Acceptance Test Scenarios</c> section of
/// <c>### AT-NNN: name</c> blocks with <c>**Description**:</c>, <c>**Preconditions**:</c>, <c>**Steps**:</c>,
/// <c>**Expected Result**:</c> and <c>**Verification**:</c> fields.
/// </summary>
public static partial class AcceptanceScenarioParser
{
    /// <summary>The scenarios of <paramref name="spec"/>, in order; empty when it has none.</summary>
    public static ImmutableArray<AcceptanceScenario> Parse(string spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        Match section = Section().Match(spec);
        if (!section.Success)
        {
            return [];
        }

        var scenarios = ImmutableArray.CreateBuilder<AcceptanceScenario>();
        MatchCollection headings = Heading().Matches(section.Groups["body"].Value);
        for (int i = 0; i < headings.Count; i++)
        {
            Match heading = headings[i];
            int end = i + 1 < headings.Count ? headings[i + 1].Index : section.Groups["body"].Length;
            string block = section.Groups["body"].Value[(heading.Index + heading.Length)..end];
            Dictionary<string, string> fields = Fields(block);
            scenarios.Add(new AcceptanceScenario(
                heading.Groups["id"].Value,
                heading.Groups["name"].Value.Trim(),
                fields.GetValueOrDefault("description", ""),
                fields.GetValueOrDefault("preconditions", ""),
                fields.GetValueOrDefault("steps", ""),
                fields.GetValueOrDefault("expected result", ""),
                fields.GetValueOrDefault("verification", "")));
        }

        return scenarios.ToImmutable();
    }

    private static Dictionary<string, string> Fields(string block)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        MatchCollection labels = Label().Matches(block);
        for (int i = 0; i < labels.Count; i++)
        {
            int start = labels[i].Index + labels[i].Length;
            int end = i + 1 < labels.Count ? labels[i + 1].Index : block.Length;
            fields[labels[i].Groups["label"].Value.Trim().ToLowerInvariant()] = block[start..end].Trim();
        }

        return fields;
    }

    [GeneratedRegex(@"^##\s+Acceptance Test Scenarios[^\n]*\n(?<body>.*?)(?=^##\s(?!#)|\z)", RegexOptions.Multiline | RegexOptions.Singleline | RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Section();

    [GeneratedRegex(@"^###\s+(?<id>AT-\d+)\s*:\s*(?<name>[^\n]*)$", RegexOptions.Multiline | RegexOptions.CultureInvariant)]
    private static partial Regex Heading();

    [GeneratedRegex(@"^\s*[-*]?\s*\*\*(?<label>[A-Za-z ]+)\*\*\s*:", RegexOptions.Multiline | RegexOptions.CultureInvariant)]
    private static partial Regex Label();
}
