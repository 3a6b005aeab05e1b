using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace TeamBot.Analyzers.Tests;

/// <summary>
/// Makes broken and strange variants of valid workflows, reproducibly from a seed: truncations, character flips,
/// line edits, re-indentation, swapped stage names, deep nesting, alias bombs and random Unicode.
/// </summary>
internal sealed class WorkflowMutator(int seed)
{
    private const string Structural = ":[]{},-#&*!|>\"'\t\n ?%@`";

    private static readonly string[] Oddities =
    [
        "\uFFFD", "\u0000", "\u202E", "\u2028", "\uFEFF", "\uD800", "\uDC00", "😀", "\r", "\r\n", "\\", "{{", "}}", "</summary>", "\"; //", "~", "null",
    ];

    private readonly Random _random = new(seed);

    public IEnumerable<string> Generate(IReadOnlyList<string> seeds, int count)
    {
        for (int i = 0; i < count; i++)
        {
            string text = seeds[_random.Next(seeds.Count)];
            int edits = 1 + _random.Next(3);
            for (int e = 0; e < edits; e++)
            {
                text = Mutate(text);
            }

            yield return text;
        }
    }

    private string Mutate(string text) => _random.Next(10) switch
    {
        0 => text[.._random.Next(text.Length + 1)],
        1 => FlipCharacters(text),
        2 => EditLine(text),
        3 => Reindent(text),
        4 => SwapStageNames(text),
        5 => text + "\nextra: " + new string('[', 1 + _random.Next(200)) + new string(']', _random.Next(200)) + "\n",
        6 => AliasBomb(_random.Next(3, 12)) + text,
        7 => Insert(text, Oddities[_random.Next(Oddities.Length)]),
        8 => Insert(text, RandomUnicode()),
        _ => FlipCharacters(text),
    };

    private string FlipCharacters(string text)
    {
        if (text.Length == 0)
        {
            return Structural[_random.Next(Structural.Length)].ToString();
        }

        var builder = new StringBuilder(text);
        int flips = 1 + _random.Next(4);
        for (int i = 0; i < flips; i++)
        {
            builder[_random.Next(builder.Length)] = Structural[_random.Next(Structural.Length)];
        }

        return builder.ToString();
    }

    private string EditLine(string text)
    {
        var lines = text.Split('\n').ToList();
        int at = _random.Next(lines.Count);
        switch (_random.Next(3))
        {
            case 0:
                lines.RemoveAt(at);
                break;
            case 1:
                lines.Insert(at, lines[at]);
                break;
            default:
                int other = _random.Next(lines.Count);
                (lines[at], lines[other]) = (lines[other], lines[at]);
                break;
        }

        return string.Join('\n', lines);
    }

    private string Reindent(string text)
    {
        string[] lines = text.Split('\n');
        int at = _random.Next(lines.Length);
        lines[at] = _random.Next(2) == 0 ? new string(' ', _random.Next(1, 7)) + lines[at] : lines[at].TrimStart();
        return string.Join('\n', lines);
    }

    private string SwapStageNames(string text)
    {
        string[] names = ["SETUP", "SPEC", "SPEC_REVIEW", "RESEARCH", "TEST_STRATEGY", "PLAN", "COMPLETE", "PLAN_REVIEW", "IMPLEMENTATION"];
        string from = names[_random.Next(names.Length)];
        int index = text.IndexOf(from, StringComparison.Ordinal);
        return index < 0 ? text : string.Concat(text.AsSpan(0, index), names[_random.Next(names.Length)], text.AsSpan(index + from.Length));
    }

    private static string AliasBomb(int depth)
    {
        var builder = new StringBuilder("l0: &l0 [x, x, x, x, x, x, x, x, x, x]\n");
        for (int i = 1; i < depth; i++)
        {
            string previous = "*l" + (i - 1).ToString(CultureInfo.InvariantCulture);
            builder.Append(CultureInfo.InvariantCulture, $"l{i}: &l{i} [{string.Join(", ", Enumerable.Repeat(previous, 10))}]\n");
        }

        return builder.ToString();
    }

    private string Insert(string text, string insertion) => text.Insert(_random.Next(text.Length + 1), insertion);

    private string RandomUnicode()
    {
        var builder = new StringBuilder();
        int length = 1 + _random.Next(8);
        for (int i = 0; i < length; i++)
        {
            builder.Append((char)_random.Next(0x20, 0xFFFF));
        }

        return builder.ToString();
    }
}
