using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Text;

namespace TeamBot.Objectives;

/// <summary>
/// Reads objective files in both styles the Python TeamBot read: <c># Objective: Title</c> with <c>## Goals</c>,
/// <c>## Success Criteria</c>, <c>## Constraints</c> and <c>## Context</c>; and a <c>## Objective</c> section with inline
/// <c>**Goal**:</c>, <c>**Problem Statement**:</c> and <c>**Success Criteria**:</c>, plus <c>## Technical Context</c> and
/// <c>## Additional Context</c>.
/// </summary>
public static class ObjectiveParser
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
    /// character, has no objective or has no title.
    /// </exception>
    public static Objective Load(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        return Parse(ObjectiveFile.Read(path), path);
    }

    /// <summary>Parses objective markdown; <paramref name="path"/> names it in errors and supplies a fallback feature name.</summary>
    /// <exception cref="ObjectiveException">
    /// The text is larger than <see cref="MaxFileBytes"/> in UTF-8, has a NUL character, has neither a title nor an
    /// objective section, or its title is empty.
    /// </exception>
    public static Objective Parse(string text, string path)
    {
        ArgumentNullException.ThrowIfNull(text);
        CheckIsText(text, path);
        Dictionary<string, string> sections = ObjectiveMarkdown.Sections(text);
        string? title = ObjectiveMarkdown.ObjectiveTitle(text);
        string objectiveSection = sections.GetValueOrDefault("objective", "");
        string? goal = ObjectiveMarkdown.Inline(objectiveSection, "Goal");
        if (title is null && goal is null && !sections.ContainsKey("goals"))
        {
            throw new ObjectiveException($"The objective file '{path}' has no '# Objective: <title>' heading and no '## Objective' section with '**Goal**:'.");
        }

        // Read as the Python TeamBot read it; what it read as an empty title (a heading with nothing after it, or a
        // goals list with no heading at all) once ran to completion untitled, so it is refused here.
        string? finalTitle = title ?? ObjectiveMarkdown.FirstHeading(text) ?? goal;
        if (string.IsNullOrWhiteSpace(finalTitle))
        {
            int line = ObjectiveMarkdown.TitleLine(text);
            throw new ObjectiveException(line > 0
                ? $"The objective file '{path}' has an empty title on line {line}: write it as '# Objective: <title>'."
                : $"The objective file '{path}' has no title: line 1 should be '# Objective: <title>'.");
        }

        ImmutableArray<string> goals = sections.TryGetValue("goals", out string? goalList) ? ObjectiveMarkdown.Items(goalList) : goal is null ? [] : [goal];
        string criteriaText = sections.GetValueOrDefault("success criteria") ?? ObjectiveMarkdown.After(objectiveSection, "Success Criteria") ?? "";
        var context = new StringBuilder();
        foreach (string? part in new[] { ObjectiveMarkdown.Inline(objectiveSection, "Problem Statement"), sections.GetValueOrDefault("context"), sections.GetValueOrDefault("technical context"), sections.GetValueOrDefault("additional context") })
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
            SuccessCriteria = ObjectiveMarkdown.Items(criteriaText),
            Constraints = sections.TryGetValue("constraints", out string? constraints) ? ObjectiveMarkdown.Items(constraints) : [],
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
}
