using System;
using System.Collections.Frozen;
using System.Collections.Generic;
using System.IO;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace TeamBot.Objectives;

/// <summary>
/// The run folder's name for an objective, derived exactly as the Python TeamBot derives it, so an objective that tool
/// started resumes in the same folder: 1-3 meaningful words of the title, else of the file name, else of the first goal.
/// Names of more than <see cref="MaxBytes"/> bytes are capped, which the Python tool did not do; a name that long takes
/// title words of over 30 letters on average, and at over 255 bytes it was no folder name at all.
/// </summary>
internal static partial class FeatureNames
{
    /// <summary>
    /// The most bytes of UTF-8 a feature name has. File systems take 255 bytes for a folder name; the run folder's
    /// path is more than its name, and Windows paths without long-path support only 260 characters in all.
    /// </summary>
    internal const int MaxBytes = 100;

    // Eight hex digits of SHA-256: two different long names get the same one once in four billion pairs.
    private const int HashBytes = 4;

    private const string Fallback = "feature";

    // The Python tool's list, word for word: articles, modal and generic verbs, pronouns, generic tech words.
    private static readonly FrozenSet<string> SkipWords = FrozenSet.ToFrozenSet(
    [
        "a", "an", "the", "and", "or", "but", "in", "on", "at", "to", "for", "of", "with", "by", "from", "as", "is", "was", "are", "were", "been",
        "be", "have", "has", "had", "do", "does", "did", "will", "would", "could", "should", "may", "might", "must", "shall", "can", "need",
        "add", "create", "implement", "build", "make", "update", "fix", "new", "support", "enable", "allow", "enhance", "improve", "change",
        "i", "we", "you", "it", "this", "that", "these", "those", "like", "want", "so", "when", "if", "then", "also",
        "solution", "system", "feature", "functionality", "ability",
    ], StringComparer.Ordinal);

    /// <summary>The objective's title as the Python tool reads it: its first level-1 heading, without <c>Objective:</c>.</summary>
    /// <returns>The title; "Objective" for a file with only a <c>## Objective</c> section; "Untitled" otherwise.</returns>
    public static string PythonTitle(string text)
    {
        if (FirstLevelOneHeading().Match(text) is { Success: true } heading)
        {
            return heading.Groups["title"].Value.Trim();
        }

        return ObjectiveSection().IsMatch(text) ? "Objective" : "Untitled";
    }

    /// <summary>The feature name of an objective with <paramref name="title"/> (see <see cref="PythonTitle"/>), read from <paramref name="path"/>.</summary>
    public static string Of(string title, string path, string? firstGoal) => Capped(Derived(title, path, firstGoal));

    /// <summary>
    /// <paramref name="name"/> when it has at most <see cref="MaxBytes"/> bytes; else its start and a hash of all of
    /// it, so that the same title always finds its folder again and titles with a long common start get their own.
    /// </summary>
    private static string Capped(string name)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(name);
        if (bytes.Length <= MaxBytes)
        {
            return name;
        }

        string hash = Convert.ToHexStringLower(SHA256.HashData(bytes), 0, HashBytes);
        int keep = MaxBytes - 1 - hash.Length;

        // Names are ASCII words today; should that change, the cut must not split a character.
        while (keep > 0 && (bytes[keep] & 0xC0) == 0x80)
        {
            keep--;
        }

        return $"{Encoding.UTF8.GetString(bytes, 0, keep).TrimEnd('-')}-{hash}";
    }

    private static string Derived(string title, string path, string? firstGoal)
    {
        if (title.ToLowerInvariant() is not ("objective" or "untitled" or ""))
        {
            return FromText(title);
        }

        string file = ObjectivePrefix().Replace(Path.GetFileName(path).ToLowerInvariant(), "", 1);
        file = file.EndsWith(".md", StringComparison.Ordinal) ? file[..^3] : file;
        if (file is not ("" or "objective") && FromText(file) is { Length: > 2 } fromFile and not Fallback)
        {
            return fromFile;
        }

        if (firstGoal is not null && FromText(firstGoal) is { Length: > 3 } fromGoal and not Fallback)
        {
            return fromGoal;
        }

        return Fallback;
    }

    /// <summary>1-3 words of <paramref name="text"/> that say something; its first two words when none does.</summary>
    private static string FromText(string text)
    {
        if (text.Length == 0 || text == "Untitled")
        {
            return Fallback;
        }

        string cleaned = ObjectiveLabel().Replace(text.ToLowerInvariant().Trim(), "", 1);

        // The words are read only as far as the name needs them: a goal can be a megabyte of words.
        var meaningful = new List<string>(3);
        var firstTwo = new List<string>(2);
        FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> skip = SkipWords.GetAlternateLookup<ReadOnlySpan<char>>();
        foreach (ValueMatch match in Words().EnumerateMatches(cleaned))
        {
            ReadOnlySpan<char> word = cleaned.AsSpan(match.Index, match.Length);
            if (firstTwo.Count < 2)
            {
                firstTwo.Add(word.ToString());
            }

            if (word.Length > 1 && !skip.Contains(word))
            {
                meaningful.Add(word.ToString());
                if (meaningful.Count == 3)
                {
                    break;
                }
            }
        }

        return string.Join('-', meaningful.Count > 0 ? meaningful : firstTwo.Count > 0 ? firstTwo : [Fallback]);
    }

    [GeneratedRegex(@"^#\s+(?:Objective:\s*)?(?<title>.+)$", RegexOptions.Multiline | RegexOptions.CultureInvariant)]
    private static partial Regex FirstLevelOneHeading();

    [GeneratedRegex(@"^##\s+Objective\s*$", RegexOptions.Multiline | RegexOptions.CultureInvariant)]
    private static partial Regex ObjectiveSection();

    [GeneratedRegex(@"^(sdd-)?objective-?", RegexOptions.CultureInvariant)]
    private static partial Regex ObjectivePrefix();

    [GeneratedRegex(@"^objective:\s*", RegexOptions.CultureInvariant)]
    private static partial Regex ObjectiveLabel();

    [GeneratedRegex("[a-z0-9]+", RegexOptions.CultureInvariant)]
    private static partial Regex Words();
}
