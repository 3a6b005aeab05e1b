using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;

namespace TeamBot.Objectives;

/// <summary>
/// Reads objective files in both styles the Python TeamBot read: <c># Objective: Title</c> with <c>## Goals</c>,
/// <c>## Success Criteria</c>, <c>## Constraints</c> and <c>## Context</c>; and a <c>## Objective</c> section with inline
/// <c>**Goal**:</c>, <c>**Problem Statement**:</c> and <c>**Success Criteria**:</c>, plus <c>## Technical Context</c> and
/// <c>## Additional Context</c>.
/// </summary>
public static partial class ObjectiveParser
{
    /// <summary>
    /// The most bytes an objective file may have: 1 MiB. An objective is a page or two; this is hundreds of pages. A
    /// 50 MB objective once took 3.1 GB of memory and wrote 1.2 GB of artifacts; in proportion, one at this limit
    /// takes tens of megabytes.
    /// </summary>
    public const int MaxFileBytes = 1024 * 1024;

    /// <summary>
    /// Reads and parses the objective file at <paramref name="path"/>: UTF-8 text, a byte order mark allowed, of at most
    /// <see cref="MaxFileBytes"/> bytes.
    /// </summary>
    /// <exception cref="ObjectiveException">
    /// The file is missing, unreadable, a folder, larger than <see cref="MaxFileBytes"/>, not UTF-8, has a NUL
    /// character or has no objective.
    /// </exception>
    public static Objective Load(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        return Parse(ObjectiveFile.Read(path), path);
    }

    /// <summary>Parses objective markdown; <paramref name="path"/> names it in errors and supplies a fallback feature name.</summary>
    /// <exception cref="ObjectiveException">
    /// The text is larger than <see cref="MaxFileBytes"/> in UTF-8, has a NUL character, or has neither a title nor an
    /// objective section.
    /// </exception>
    public static Objective Parse(string text, string path)
    {
        ArgumentNullException.ThrowIfNull(text);
        CheckIsText(text, path);
        Dictionary<string, string> sections = Sections(text);
        string? title = TitleLine().Match(text) is { Success: true } titled ? titled.Groups["title"].Value.Trim() : null;
        string objectiveSection = sections.GetValueOrDefault("objective", "");
        string? goal = Inline(objectiveSection, "Goal");
        if (title is null && goal is null && !sections.ContainsKey("goals"))
        {
            throw new ObjectiveException($"The objective file '{path}' has no '# Objective: <title>' heading and no '## Objective' section with '**Goal**:'.");
        }

        Match heading = FirstHeading().Match(text);
        string finalTitle = title ?? (heading.Success ? heading.Groups["title"].Value.Trim() : goal!);
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

        return new Objective
        {
            Title = finalTitle,
            FeatureName = FeatureNames.Of(FeatureNames.PythonTitle(text), path, goals.FirstOrDefault()),
            SourcePath = path,
            Goals = goals,
            SuccessCriteria = Items(criteriaText),
            Constraints = sections.TryGetValue("constraints", out string? constraints) ? Items(constraints) : [],
            Context = context.ToString().Trim(),
        };
    }

    /// <summary>
    /// The feature name (the run folder's name) of an objective file at <paramref name="path"/> whose first level-1
    /// heading is <paramref name="title"/> (without <c>Objective:</c>; <see langword="null"/> when it has none), as the
    /// Python TeamBot derives it: 1-3 meaningful words of the title, else of the file name without its
    /// <c>sdd-objective-</c> or <c>objective-</c> prefix. A name of more than 100 bytes keeps its start and ends in a
    /// hash of the whole, so that it fits in a folder name.
    /// </summary>
    public static string FeatureName(string? title, string path) => FeatureNames.Of(title ?? "Untitled", path, firstGoal: null);

    /// <summary>Refuses text too large for an objective, or with a NUL, which no prompt or process argument can carry.</summary>
    private static void CheckIsText(string text, string path)
    {
        // A character is at most three bytes of UTF-8 (a surrogate pair, two characters, is four): shorter text is never over.
        if (text.Length > MaxFileBytes / 3 && Encoding.UTF8.GetByteCount(text) is int bytes and > MaxFileBytes)
        {
            throw new ObjectiveException($"The objective file '{path}' is {bytes} bytes of UTF-8, more than the {MaxFileBytes} bytes (1 MiB) an objective may have.");
        }

        if (text.IndexOf('\0', StringComparison.Ordinal) is int nul and >= 0)
        {
            int lineStart = text.LastIndexOf('\n', nul) + 1;
            int line = text.AsSpan(0, lineStart).Count('\n') + 1;
            throw new ObjectiveException($"The objective file '{path}' has a NUL character on line {line}, column {nul - lineStart + 1}: objective files are markdown text.");
        }
    }

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

    /// <summary>The value of an inline <c>**Label**: value</c> line.</summary>
    private static string? Inline(string section, string label)
    {
        Match match = Regex.Match(section, $@"^\s*[-*]?\s*\*\*{Regex.Escape(label)}\*\*\s*:\s*(?<value>.*)$", RegexOptions.Multiline | RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        return match.Success && match.Groups["value"].Value.Trim().Length > 0 ? match.Groups["value"].Value.Trim() : null;
    }

    /// <summary>The lines after an inline <c>**Label**:</c> up to the next inline label.</summary>
    private static string? After(string section, string label)
    {
        Match match = Regex.Match(section, $@"\*\*{Regex.Escape(label)}\*\*\s*:(?<rest>.*?)(?=^\s*\*\*[^*]+\*\*\s*:|\z)", RegexOptions.Multiline | RegexOptions.Singleline | RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        return match.Success ? match.Groups["rest"].Value : null;
    }

    /// <summary>The items of a list: numbered, bulleted or checkbox lines, without their markers.</summary>
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
