using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using TeamBot.Objectives;
using TeamBot.Tests.Support;

namespace TeamBot.Tests.Objectives;

/// <summary>
/// Makes broken and strange objective files from valid ones, reproducibly from a seed. Structural edits work on the
/// grammar: sections dropped, duplicated and reordered; headings, labels and list markers inserted, removed or
/// misspelt; lines that go on and on. Byte edits work under it: random and control bytes, invalid UTF-8, byte order
/// marks, truncation in the middle of a character.
/// </summary>
internal sealed class ObjectiveMutator(int seed)
{
    // A line around the size limit costs milliseconds to make, write, read and parse; one case in this many has one.
    private const int HugeOneIn = 30;

    /// <summary>Lines of the grammar, whole and half-finished, that structural edits insert.</summary>
    private static readonly string[] GrammarLines =
    [
        "# Objective: Export the monthly reports", "# Objective:", "# Objective: ", "# objective : lower case", "#Objective: no space", "# Title only", "#", "# ", "#\t",
        "## Goals", "## Success Criteria", "## Constraints", "## Context", "## Objective", "## Technical Context", "## Additional Context", "## GOALS", "##", "## ", "##  ", "##\t", "## \t", "## C# notes", "### Goals",
        "**Goal**: Ship it.", "**Goal**:", "**goal** : lower case", "- **Goal**: in a list", "* **Goal**:", "**Problem Statement**: It hurts.", "**Success Criteria**:", "**Success Criteria**: inline",
        "**Note**: bold label", "**", "****", "**x**:", "** **:", "- [ ] An open item", "- [x] A done item", "- [X]", "- [ ]", "- [ ]  \t", "1. First", "2) Second", "10.", "1.", "-", "*", "+ plus", "-item",
        "", " ", "   ", "\t", "\r", "\v", "\f", "\u0085", "\u2028", "\u00A0", "\uFEFF",
    ];

    /// <summary>Text repeated to make huge lines: the runs that make a backtracking parser go quadratic among them.</summary>
    private static readonly string[] HugeUnits = ["x", "word ", " ", "\n", " \n", "-\n", "**", "**x\n", "#", "## \n", "é", "🙂", "\t", "1. a\n", "- [ ] \n"];

    /// <summary>Code points that often trip text handling: NUL and controls, invisible and direction marks, non-ASCII case.</summary>
    private static readonly string[] OddCharacters =
    [
        "\0", "\u0001", "\u001B[31m", "\u007F", "\r", "\r\n", "\u0085", "\u2028", "\u2029", "\u200B", "\u202E", "\uFEFF", "\uFFFD", "\uFFFF", "İ", "ı", "\u212A", "ß", "é", "e\u0301", "😀", "\\", "/", "..", ":",
    ];

    /// <summary>Byte sequences that are not UTF-8: stray continuations, cut sequences, overlong forms, surrogates, beyond U+10FFFF.</summary>
    private static readonly byte[][] InvalidUtf8 =
    [
        [0x80], [0xBF], [0xC3], [0xE2, 0x82], [0xF0, 0x9F, 0x98], [0xC0, 0xAF], [0xE0, 0x80, 0xAF], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xFE], [0xFF],
    ];

    private static readonly string[] FileWords = ["objective", "sdd", "export", "csv", "the", "a", "notification", "digest", "x", "Ünïcode", "日本語", "-", "--", "_", ".", " ", "objective-"];

    private readonly Random _random = new(seed);

    /// <summary>Gets the valid objectives the mutations start from: the examples and the shapes the tests pin.</summary>
    public static IReadOnlyList<string> Seeds { get; } =
    [
        .. Directory.GetFiles(Path.Combine(TestSupport.RepoRoot, "examples", "objectives"), "*.md").Order(StringComparer.Ordinal).Select(File.ReadAllText),
        "## Objective\n\n**Goal**: When a user types plain text without an agent directive, route it.",
        "# Simple notification at end of pipeline\n\n## Goals\n1. Notify.",
        "# TeamBot Objective: Simplify README.md\n\n## Goals\n1. Restructure it.",
        "# Objective: Add the export of reports\n\n## Goals\n1. Export.\n\n## Success Criteria\n- [ ] Exported.\n\n## Constraints\n- Fast.",
        "## Objective\n\n- **Goal**: Move to the new SDK.\n- **Problem Statement**: The old one is gone.\n- **Success Criteria**:\n  1. Builds.\n  2. Runs.\n\n**Note**: none.",
    ];

    /// <summary>A mutated objective file: its name and its bytes.</summary>
    /// <param name="huge">Whether a case may get a line around the size limit, and lines of thousands of characters.</param>
    public (string FileName, byte[] Bytes) Next(bool huge)
    {
        string text = Seeds[_random.Next(Seeds.Count)];
        int edits = 1 + _random.Next(4);
        for (int i = 0; i < edits; i++)
        {
            text = MutateText(text, huge);
        }

        if (huge && _random.Next(HugeOneIn) == 0)
        {
            // Around the size limit, just under and just over it; last, as a million short lines make every edit slow.
            int size = ObjectiveParser.MaxFileBytes - 4096 + _random.Next(8192);
            text = Insert(text, "\n" + Repeat(HugeUnits[_random.Next(HugeUnits.Length)], size) + "\n");
        }

        byte[] bytes = Encoding.UTF8.GetBytes(text);
        int byteEdits = _random.Next(3) == 0 ? 1 + _random.Next(3) : 0;
        for (int i = 0; i < byteEdits; i++)
        {
            bytes = MutateBytes(bytes);
        }

        return (FileName(), bytes);
    }

    /// <summary>A mutated objective as text, with structural edits only: the kind a person could type.</summary>
    public string NextText()
    {
        string text = Seeds[_random.Next(Seeds.Count)];
        int edits = 1 + _random.Next(5);
        for (int i = 0; i < edits; i++)
        {
            text = MutateText(text, huge: false);
        }

        return text;
    }

    /// <summary>A path as a state file or a caller may give it: odd characters, parent folders, very long.</summary>
    public string HostilePath() => _random.Next(6) switch
    {
        0 => "../../" + FileName(),
        1 => "/" + string.Join('/', Enumerable.Range(0, 1 + _random.Next(4)).Select(_ => FileName())),
        2 => "objective-" + new string('n', 1 + _random.Next(2000)) + ".md",
        3 => "C:\\objectives\\" + FileName(),
        4 => FileName() + OddCharacters[_random.Next(OddCharacters.Length)] + ".md",
        _ => FileName(),
    };

    private string MutateText(string text, bool huge)
    {
        List<string> lines = [.. text.Split('\n')];
        switch (_random.Next(14))
        {
            case 0:
                lines.RemoveAt(_random.Next(lines.Count));
                break;
            case 1:
                int copied = _random.Next(lines.Count);
                lines.Insert(copied, lines[copied]);
                break;
            case 2:
                (int a, int b) = (_random.Next(lines.Count), _random.Next(lines.Count));
                (lines[a], lines[b]) = (lines[b], lines[a]);
                break;
            case 3:
                return EditSections(lines);
            case 4:
            case 5:
                lines.Insert(_random.Next(lines.Count + 1), GrammarLines[_random.Next(GrammarLines.Length)]);
                break;
            case 6:
                int edited = _random.Next(lines.Count);
                lines[edited] = EditLine(lines[edited]);
                break;
            case 7:
                return Insert(text, OddCharacters[_random.Next(OddCharacters.Length)]);
            case 8:
                return text[.._random.Next(text.Length + 1)];
            case 9:
                return _random.Next(2) == 0 ? text.Replace("\n", "\r\n", StringComparison.Ordinal) : text.Replace("\n", "", StringComparison.Ordinal);
            case 10:
                // A title word long enough to overflow a folder name, which the run folder's name must survive.
                lines.Insert(0, (_random.Next(2) == 0 ? "# Objective: " : "# ") + string.Join(' ', Enumerable.Range(0, 1 + _random.Next(4)).Select(_ => LongWord())));
                break;
            case 11:
                lines.Insert(_random.Next(lines.Count + 1), "**Goal**: " + LongWord() + " " + LongWord());
                break;
            case 12:
                // Long runs, but short enough for the backtracking regex grammar to check them in a few milliseconds.
                lines.Insert(_random.Next(lines.Count + 1), Repeat(HugeUnits[_random.Next(HugeUnits.Length)], 1 + _random.Next(huge ? 4000 : 300)));
                break;
            default:
                lines.Reverse();
                break;
        }

        return string.Join('\n', lines);
    }

    /// <summary>Drops, duplicates or swaps whole sections: a heading with the lines up to the next.</summary>
    private string EditSections(List<string> lines)
    {
        var sections = new List<List<string>> { new() };
        foreach (string line in lines)
        {
            if (line.StartsWith('#'))
            {
                sections.Add([]);
            }

            sections[^1].Add(line);
        }

        int at = _random.Next(sections.Count);
        switch (_random.Next(3))
        {
            case 0:
                sections.RemoveAt(at);
                break;
            case 1:
                sections.Insert(_random.Next(sections.Count + 1), sections[at]);
                break;
            default:
                int other = _random.Next(sections.Count);
                (sections[at], sections[other]) = (sections[other], sections[at]);
                break;
        }

        return string.Join('\n', sections.SelectMany(section => section));
    }

    private string EditLine(string line) => _random.Next(8) switch
    {
        0 => "#" + line,
        1 => line.TrimStart('#', ' '),
        2 => "**" + line + "**:",
        3 => line.Replace("**", "", StringComparison.Ordinal),
        4 => line.Replace(":", "", StringComparison.Ordinal),
        5 => new string(' ', _random.Next(8)) + line,
        6 => line.ToUpperInvariant(),
        _ => "- " + line,
    };

    private byte[] MutateBytes(byte[] bytes)
    {
        int at = _random.Next(bytes.Length + 1);
        return _random.Next(7) switch
        {
            0 when bytes.Length > 0 => Replace(bytes, Math.Min(at, bytes.Length - 1), [(byte)_random.Next(256)]),
            1 => [.. bytes[..at], .. RandomBytes(1 + _random.Next(8)), .. bytes[at..]],
            2 => [.. bytes[..at], (byte)_random.Next(32), .. bytes[at..]],
            3 => [.. bytes[..at], .. InvalidUtf8[_random.Next(InvalidUtf8.Length)], .. bytes[at..]],
            4 => _random.Next(3) switch
            {
                0 => [0xEF, 0xBB, 0xBF, .. bytes],
                1 => [0xFF, 0xFE, .. bytes],
                _ => [.. bytes[..at], 0xEF, 0xBB, 0xBF, .. bytes[at..]],
            },
            5 => bytes[..at],
            _ => [.. bytes[..at], .. bytes[Math.Min(bytes.Length, at + 1 + _random.Next(16))..]],
        };
    }

    private static byte[] Replace(byte[] bytes, int at, byte[] with) => [.. bytes[..at], .. with, .. bytes[(at + 1)..]];

    private byte[] RandomBytes(int count)
    {
        byte[] bytes = new byte[count];
        _random.NextBytes(bytes);
        return bytes;
    }

    private string Insert(string text, string piece) => text.Insert(_random.Next(text.Length + 1), piece);

    private string LongWord() => Repeat(((char)('a' + _random.Next(26))).ToString(), 50 + _random.Next(600));

    private static string Repeat(string unit, int length) => new StringBuilder(length + unit.Length).Insert(0, unit, (length + unit.Length - 1) / unit.Length).ToString();

    /// <summary>A file name as people and tools make them; never more than a file system takes (255 bytes).</summary>
    private string FileName()
    {
        string name = _random.Next(4) switch
        {
            0 => "objective-" + string.Join('-', Enumerable.Range(0, 1 + _random.Next(5)).Select(_ => FileWords[_random.Next(FileWords.Length)])),
            1 => "sdd-objective-" + FileWords[_random.Next(FileWords.Length)],
            2 => new string((char)('a' + _random.Next(26)), 1 + _random.Next(240)),
            _ => string.Concat(Enumerable.Range(0, 1 + _random.Next(6)).Select(_ => FileWords[_random.Next(FileWords.Length)])),
        };
        name = (name + (_random.Next(5) == 0 ? "" : ".md")).Trim();
        while (Encoding.UTF8.GetByteCount(name) > 255)
        {
            name = name[1..];
        }

        return name is "" or "." or ".." ? "objective.md" : name;
    }
}
