using System;
using System.Collections.Generic;
using System.Collections.Immutable;

namespace TeamBot.Objectives;

/// <summary>
/// The parts of objective markdown: titles, <c>##</c> sections, inline <c>**Label**:</c> values and list items, each
/// found in one pass, so that parsing takes time linear in the text. The grammar was first written as backtracking
/// regular expressions, which went quadratic on long runs of blank lines and spaces; they defined what every objective
/// means, so this reads exactly what they read, down to their corners: whitespace (<c>\s</c>) runs on across line
/// breaks, so <c>**Goal**:</c> at the end of a line takes the next line as its value. <c>ObjectiveGrammarTests</c>
/// checks the two against each other.
/// </summary>
internal static class ObjectiveMarkdown
{
    /// <summary>The title of the first <c># Objective: title</c> line.</summary>
    public static string? ObjectiveTitle(string text)
    {
        for (int line = NextHashLine(text, 0); line >= 0; line = NextHashLine(text, line + 1))
        {
            if (!IsSpace(text, line + 1))
            {
                continue;
            }

            int word = SkipSpace(text, line + 1);
            if (!HasWord(text, word, "Objective"))
            {
                continue;
            }

            int colon = SkipSpace(text, word + "Objective".Length);
            if (colon < text.Length && text[colon] == ':' && RestOfLine(text, colon + 1, SkipSpace(text, colon + 1)) is { } title)
            {
                return title.Trim();
            }
        }

        return null;
    }

    /// <summary>The line number (from 1) of the first <c># Objective:</c> line, else of the first level-1 heading; 0 when there is neither.</summary>
    /// <remarks>Where an objective whose title came out empty has the heading that should hold it.</remarks>
    public static int TitleLine(string text)
    {
        int first = -1;
        for (int line = NextHashLine(text, 0); line >= 0; line = NextHashLine(text, line + 1))
        {
            if (!IsSpace(text, line + 1))
            {
                continue;
            }

            first = first < 0 ? line : first;
            int word = SkipSpace(text, line + 1);
            if (HasWord(text, word, "Objective") && SkipSpace(text, word + "Objective".Length) is int colon && colon < text.Length && text[colon] == ':')
            {
                return LineNumber(text, line);
            }
        }

        return first < 0 ? 0 : LineNumber(text, first);
    }

    /// <summary>The text of the first level-1 heading, <c># title</c>.</summary>
    public static string? FirstHeading(string text)
    {
        for (int line = NextHashLine(text, 0); line >= 0; line = NextHashLine(text, line + 1))
        {
            if (IsSpace(text, line + 1) && RestOfLine(text, line + 2, SkipSpace(text, line + 1)) is { } title)
            {
                return title.Trim();
            }
        }

        return null;
    }

    /// <summary>The <c>## name</c> sections by lower-case name, each with its trimmed text; the first of a name wins.</summary>
    public static Dictionary<string, string> Sections(string text)
    {
        var sections = new Dictionary<string, string>(StringComparer.Ordinal);
        string? name = null;
        int contentStart = 0;
        int line = NextHashLine(text, 0);
        while (line >= 0)
        {
            if (SectionHeading(text, line) is not (string heading, int end))
            {
                line = NextHashLine(text, line + 1);
                continue;
            }

            if (name is not null)
            {
                sections.TryAdd(name, text[contentStart..line].Trim());
            }

            (name, contentStart) = (heading.Trim().ToLowerInvariant(), end);
            line = NextHashLine(text, end + 1);
        }

        if (name is not null)
        {
            sections.TryAdd(name, text[contentStart..].Trim());
        }

        return sections;
    }

    /// <summary>
    /// The trimmed value of the first <c>**Label**: value</c> line (it may start with <c>-</c> or <c>*</c>);
    /// <see langword="null"/> when there is none or the first has no value.
    /// </summary>
    public static string? Inline(string section, string label)
    {
        int line = 0;
        while (line < section.Length)
        {
            int start = SkipSpace(section, line);
            if (start == section.Length)
            {
                return null;
            }

            int? colon = null;
            if (section[start] is '-' or '*')
            {
                colon = ColonAfterLabel(section, SkipSpace(section, start + 1), label);
            }

            colon ??= ColonAfterLabel(section, start, label);
            if (colon is int found)
            {
                int value = SkipSpace(section, found + 1);
                string text = section[value..LineEnd(section, value)].Trim();
                return text.Length > 0 ? text : null;
            }

            // Every line start before this one's first character leads to the same character, and the same failure.
            line = NextLine(section, start);
        }

        return null;
    }

    /// <summary>
    /// The text after the first <c>**Label**:</c>, up to the next line that starts with another <c>**Label**:</c>;
    /// <see langword="null"/> when there is none.
    /// </summary>
    public static string? After(string section, string label)
    {
        int rest = -1;
        for (int at = section.IndexOf("**", StringComparison.Ordinal); at >= 0; at = section.IndexOf("**", at + 1, StringComparison.Ordinal))
        {
            if (ColonAfterLabel(section, at, label) is int colon)
            {
                rest = colon + 1;
                break;
            }
        }

        if (rest < 0)
        {
            return null;
        }

        int line = NextLine(section, rest);
        while (line < section.Length)
        {
            int start = SkipSpace(section, line);
            if (StartsLabel(section, start))
            {
                return section[rest..line];
            }

            line = start == section.Length ? start : NextLine(section, start);
        }

        return section[rest..];
    }

    /// <summary>The items of a list: numbered, bulleted or checkbox lines, without their markers.</summary>
    public static ImmutableArray<string> Items(string text)
    {
        var items = ImmutableArray.CreateBuilder<string>();
        int line = 0;
        while (line < text.Length)
        {
            int start = SkipSpace(text, line);
            if (start == text.Length)
            {
                break;
            }

            if (ListItem(text, start) is not (string item, int end))
            {
                line = NextLine(text, start);
                continue;
            }

            if (item.Trim() is { Length: > 0 } trimmed)
            {
                items.Add(trimmed);
            }

            line = end + 1;
        }

        return items.ToImmutable();
    }

    /// <summary>The name and end of a <c>## name</c> heading that starts at <paramref name="line"/>, a line start with '#'.</summary>
    private static (string Name, int End)? SectionHeading(string text, int line)
    {
        if (line + 1 >= text.Length || text[line + 1] != '#' || !IsSpace(text, line + 2))
        {
            return null;
        }

        // The name is the rest of a line without '#'. Where the first non-space character's line has one, the
        // heading's spaces may still end on a line of spaces before it: a heading with a blank name.
        int first = SkipSpace(text, line + 2);
        if (first < text.Length && text.IndexOf('#', first, LineEnd(text, first) - first) < 0)
        {
            return (text[first..LineEnd(text, first)], LineEnd(text, first));
        }

        int blank = LastNotLineBreak(text, line + 3, first < text.Length ? LineStart(text, first) : text.Length);
        return blank < 0 ? null : (text[blank..LineEnd(text, blank)], LineEnd(text, blank));
    }

    /// <summary>The item and end of a list item whose marker is at <paramref name="marker"/>.</summary>
    private static (string Item, int End)? ListItem(string text, int marker)
    {
        int after = marker;
        if (char.IsDigit(text[marker]))
        {
            while (after < text.Length && char.IsDigit(text[after]))
            {
                after++;
            }

            if (after == text.Length || text[after] is not ('.' or ')'))
            {
                return null;
            }
        }
        else if (text[marker] is not ('-' or '*' or '+'))
        {
            return null;
        }

        if (!IsSpace(text, after + 1))
        {
            return null;
        }

        int item = SkipSpace(text, after + 1);
        if (item + 3 < text.Length && text[item] == '[' && text[item + 1] is (' ' or 'x' or 'X') && text[item + 2] == ']' && IsSpace(text, item + 3))
        {
            int afterBox = SkipSpace(text, item + 3);
            int boxed = afterBox < text.Length ? afterBox : LastNotLineBreak(text, item + 4, text.Length);
            if (boxed >= 0)
            {
                return (text[boxed..LineEnd(text, boxed)], LineEnd(text, boxed));
            }
        }

        int start = item < text.Length ? item : LastNotLineBreak(text, after + 2, text.Length);
        return start < 0 ? null : (text[start..LineEnd(text, start)], LineEnd(text, start));
    }

    /// <summary>Where the colon is, when <c>**Label**</c> (any letter case) and then a colon start at <paramref name="at"/>.</summary>
    private static int? ColonAfterLabel(string text, int at, string label)
    {
        int end = at + 2 + label.Length + 2;
        if (end > text.Length || !text.AsSpan(at).StartsWith("**") || !HasWord(text, at + 2, label) || text[end - 2] != '*' || text[end - 1] != '*')
        {
            return null;
        }

        int colon = SkipSpace(text, end);
        return colon < text.Length && text[colon] == ':' ? colon : null;
    }

    /// <summary>Whether a <c>**Label**:</c> of any label starts at <paramref name="at"/>.</summary>
    private static bool StartsLabel(string text, int at)
    {
        if (at + 2 >= text.Length || text[at] != '*' || text[at + 1] != '*' || text[at + 2] == '*')
        {
            return false;
        }

        int close = text.IndexOf('*', at + 3);
        if (close < 0 || close + 1 >= text.Length || text[close + 1] != '*')
        {
            return false;
        }

        int colon = SkipSpace(text, close + 2);
        return colon < text.Length && text[colon] == ':';
    }

    /// <summary>Whether <paramref name="word"/> is at <paramref name="at"/>, in any letter case of its ASCII letters.</summary>
    private static bool HasWord(string text, int at, string word)
    {
        if (at + word.Length > text.Length)
        {
            return false;
        }

        for (int i = 0; i < word.Length; i++)
        {
            char c = text[at + i];
            char w = word[i];
            if (c != w && !(char.IsAsciiLetter(w) && (c | 0x20) == (w | 0x20) && char.IsAsciiLetter(c)))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// The rest of the line from <paramref name="first"/>, the first non-space character after a run of spaces; where
    /// the run goes on to the end, from its last character at or after <paramref name="lastFrom"/> that is not a line
    /// break (spaces the run could give up); <see langword="null"/> when there is none.
    /// </summary>
    private static string? RestOfLine(string text, int lastFrom, int first)
    {
        int start = first < text.Length ? first : LastNotLineBreak(text, lastFrom, text.Length);
        return start < 0 ? null : text[start..LineEnd(text, start)];
    }

    /// <summary>The first line start at or after <paramref name="from"/> that holds '#', where every heading starts; -1 when none does.</summary>
    private static int NextHashLine(string text, int from)
    {
        for (int at = from < text.Length ? text.IndexOf('#', from) : -1; at >= 0; at = at + 1 < text.Length ? text.IndexOf('#', at + 1) : -1)
        {
            if (at == 0 || text[at - 1] == '\n')
            {
                return at;
            }
        }

        return -1;
    }

    private static int LineNumber(string text, int at) => text.AsSpan(0, at).Count('\n') + 1;

    private static bool IsSpace(string text, int at) => at < text.Length && char.IsWhiteSpace(text[at]);

    private static int SkipSpace(string text, int from)
    {
        while (from < text.Length && char.IsWhiteSpace(text[from]))
        {
            from++;
        }

        return from;
    }

    /// <summary>The last index in [<paramref name="from"/>, <paramref name="to"/>) that is not '\n'; -1 when none is.</summary>
    private static int LastNotLineBreak(string text, int from, int to)
    {
        for (int i = to - 1; i >= from; i--)
        {
            if (text[i] != '\n')
            {
                return i;
            }
        }

        return -1;
    }

    private static int LineEnd(string text, int at) => at >= text.Length ? text.Length : text.IndexOf('\n', at) is int end and >= 0 ? end : text.Length;

    private static int LineStart(string text, int at) => at == 0 ? 0 : text.LastIndexOf('\n', at - 1) + 1;

    private static int NextLine(string text, int at) => LineEnd(text, at) + 1;
}
