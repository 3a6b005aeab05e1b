using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis.Text;

namespace TeamBot.Analyzers.Tests;

/// <summary>
/// Makes broken and strange prompt templates from valid ones, reproducibly from a seed. Structural edits work on the
/// text (lines, fences, front matter, braces, C# string and comment syntax, control characters, huge lines, line
/// endings); byte edits work on the UTF-8 bytes (flipped bytes, invalid and overlong sequences, BOMs, NULs, cuts inside a
/// character) and decode them back the ways a compiler may: strict UTF-8 falling back to Latin-1, as csc does, UTF-8
/// with replacement characters, or Roslyn's own BOM detection. A few templates cannot be read at all.
/// </summary>
internal sealed class TemplateMutator(int seed)
{
    /// <summary>Text that means something to C#, to XML doc comments, to Markdown or to a placeholder syntax.</summary>
    private static readonly string[] Hostile =
    [
        "\"", "\\", "\"\"\"", "@\"", "$\"{", "*/", "/*", "//", "</summary>", "<!--", "#if DEBUG", "#line 1 \"x\"", "\\u000A", "\\\"",
        "\"; } } class Injected { static void M() { System.Environment.Exit(1); } } //", "{", "}", "{{", "}}", "{{{", "}}}", "{0}",
        "{1:N0}", "{stage}", "{{objective}}", "${feature}", "$ARGUMENTS", "```", "```csharp", "~~~", "---", "+++", "<|endoftext|>", "%s", "\u00A0",
    ];

    /// <summary>Characters that break lines, reorder text or are not characters at all.</summary>
    private static readonly string[] Controls =
    [
        "\0", "\u0001", "\a", "\b", "\t", "\v", "\f", "\r", "\u001B", "\u007F", "\u0085", "\u2028", "\u2029", "\u202E", "\u2066",
        "\u200B", "\uFEFF", "\uFFFE", "\uFFFF", "\uFFFD", "\uD800", "\uDBFF", "\uDC00", "\uDFFF", "\uDFFF\uD800", "😀", "\u0301",
    ];

    /// <summary>Byte sequences that are not UTF-8, or are UTF-8 no decoder should accept.</summary>
    private static readonly byte[][] BadBytes =
    [
        [0x80], [0xBF], [0xC0, 0x80], [0xC1, 0xBF], [0xE0, 0x80, 0x80], [0xED, 0xA0, 0x80], [0xED, 0xBF, 0xBF], [0xF4, 0x90, 0x80, 0x80],
        [0xF8, 0x88, 0x80, 0x80, 0x80], [0xFE], [0xFF], [0xF0, 0x9F], [0xE2, 0x82], [0xC3], [0x00], [0x00, 0x00, 0x00, 0x00],
    ];

    private static readonly byte[][] Boms = [[0xEF, 0xBB, 0xBF], [0xFF, 0xFE], [0xFE, 0xFF], [0xFF, 0xFE, 0x00, 0x00], [0x2B, 0x2F, 0x76]];

    /// <summary>The documented size limit of a template, in characters.</summary>
    private const int Limit = 1_048_576;

    private static readonly Encoding StrictUtf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly Random _random = new(seed);

    /// <summary>
    /// The next template: its text, or <see langword="null"/> for one the compiler could not read; and the name of the
    /// last edit, for the report.
    /// </summary>
    public (string? Text, string Edit) Next(IReadOnlyList<string> seeds)
    {
        // Rare, since each costs a megabyte: templates around the size limit, kept as they are to land on its edges.
        int roll = _random.Next(1000);
        if (roll < 5)
        {
            return (null, "unreadable");
        }

        if (roll < 9)
        {
            return (NearLimit(), "near the size limit");
        }

        string text = seeds[_random.Next(seeds.Count)];
        string edit = "none";
        int edits = 1 + _random.Next(3);
        for (int i = 0; i < edits; i++)
        {
            (text, edit) = _random.Next(3) == 0 ? MutateBytes(text) : MutateText(text);
        }

        return (text, edit);
    }

    private (string Text, string Edit) MutateText(string text) => _random.Next(15) switch
    {
        0 => (text[.._random.Next(text.Length + 1)], "truncate"),
        1 => (EditLines(text), "lines"),
        2 => (Insert(text, Pick(Hostile)), "hostile text"),
        3 => (Insert(text, Pick(Hostile) + Pick(Hostile)), "hostile text"),
        4 => (Insert(text, Pick(Controls)), "control character"),
        5 => (Insert(text, string.Concat(Enumerable.Range(0, 1 + _random.Next(20)).Select(_ => Pick(Controls)))), "control characters"),
        6 => (Insert(text, HugeLine()), "huge line"),
        7 => (string.Concat(Enumerable.Repeat(text, 2 + _random.Next(20))), "repeated"),
        8 => (string.Join("\n", Enumerable.Repeat("- x", 1000 + _random.Next(20_000))), "many lines"),
        9 => (Pick(["", " ", "\n", "\r\n", "\t", "\uFEFF", "\0", "x", "{", "}", "```", "---\n"]), "empty or tiny"),
        10 => (LineEndings(text), "line endings"),
        11 => ("\uFEFF" + text, "BOM character"),
        12 => (Insert(text, RandomUnicode()), "random Unicode"),
        13 => (Unbalance(text), "unbalanced"),
        _ => (Insert(text, Pick(Hostile)), "hostile text"),
    };

    private (string Text, string Edit) MutateBytes(string text)
    {
        var bytes = new List<byte>(Encoding.UTF8.GetBytes(text));
        string edit;
        switch (_random.Next(7))
        {
            case 0:
                for (int flips = 1 + _random.Next(8); flips > 0 && bytes.Count > 0; flips--)
                {
                    bytes[_random.Next(bytes.Count)] = (byte)_random.Next(256);
                }

                edit = "flipped bytes";
                break;
            case 1:
                bytes.InsertRange(_random.Next(bytes.Count + 1), Pick(BadBytes));
                edit = "invalid UTF-8";
                break;
            case 2:
                bytes.InsertRange(_random.Next(4) == 0 ? _random.Next(bytes.Count + 1) : 0, Pick(Boms));
                edit = "BOM bytes";
                break;
            case 3:
                int cut = _random.Next(bytes.Count + 1);
                bytes.RemoveRange(cut, bytes.Count - cut);
                byte[] character = Encoding.UTF8.GetBytes(Pick(["😀", "€", "é"]));
                bytes.AddRange(character[..(1 + _random.Next(character.Length - 1))]);
                edit = "cut inside a character";
                break;
            case 4:
                bytes.InsertRange(_random.Next(bytes.Count + 1), Enumerable.Range(0, 1 + _random.Next(64)).Select(_ => (byte)_random.Next(256)));
                edit = "random bytes";
                break;
            case 5:
                bytes.InsertRange(_random.Next(bytes.Count + 1), new byte[1 + _random.Next(16)]);
                edit = "NUL bytes";
                break;
            default:
                bytes = [.. Enumerable.Range(0, _random.Next(4096)).Select(_ => (byte)_random.Next(256))];
                edit = "binary";
                break;
        }

        return (Decode([.. bytes]), edit);
    }

    /// <summary>The bytes as text, decoded one of the ways a compiler may decode an additional file.</summary>
    private string Decode(byte[] bytes)
    {
        switch (_random.Next(3))
        {
            case 0:
                try
                {
                    return StrictUtf8.GetString(bytes);
                }
                catch (DecoderFallbackException)
                {
                    return Encoding.Latin1.GetString(bytes);
                }

            case 1:
                return Encoding.UTF8.GetString(bytes);
            default:
                return SourceText.From(bytes, bytes.Length, encoding: null, throwIfBinaryDetected: false).ToString();
        }
    }

    private string EditLines(string text)
    {
        var lines = text.Split('\n').ToList();
        int at = _random.Next(lines.Count);
        switch (_random.Next(4))
        {
            case 0:
                lines.RemoveAt(at);
                break;
            case 1:
                lines.Insert(at, lines[_random.Next(lines.Count)]);
                break;
            case 2:
                (lines[at], lines[^1]) = (lines[^1], lines[at]);
                break;
            default:
                lines[at] = new string(' ', _random.Next(200)) + lines[at];
                break;
        }

        return string.Join("\n", lines);
    }

    /// <summary>A single line of 1,000 to 100,000 characters, long enough to stress but under the size limit.</summary>
    private string HugeLine()
    {
        string unit = _random.Next(3) switch
        {
            0 => "x",
            1 => Pick(Hostile),
            _ => Pick(Controls),
        };
        int length = 1000 + _random.Next(100_000);
        return string.Concat(Enumerable.Repeat(unit, Math.Max(1, length / unit.Length)));
    }

    /// <summary>A template of about the size limit, a little under, at, or a little over it.</summary>
    private string NearLimit() => new(Pick(['x', '"', '\n', 'é']), Limit - 2 + _random.Next(5));

    private string LineEndings(string text) => _random.Next(3) switch
    {
        0 => text.Replace("\n", "\r\n", StringComparison.Ordinal),
        1 => text.Replace("\n", "\r", StringComparison.Ordinal),
        _ => text.Replace("\n", Pick(["\u2028", "\u0085", "\r\r\n", "\n\r"]), StringComparison.Ordinal),
    };

    private string Unbalance(string text)
    {
        string[] openers = ["{", "{{", "[", "(", "<", "```", "\"", "'", "`", "---\n", "<!--", "/*"];
        return Insert(text, string.Concat(Enumerable.Repeat(Pick(openers), 1 + _random.Next(100))));
    }

    private string RandomUnicode()
    {
        var builder = new StringBuilder();
        for (int i = 1 + _random.Next(16); i > 0; i--)
        {
            builder.Append((char)_random.Next(0x10000));
        }

        return builder.ToString();
    }

    private string Insert(string text, string piece)
    {
        int at = _random.Next(text.Length + 1);
        return text[..at] + piece + text[at..];
    }

    private T Pick<T>(IReadOnlyList<T> items) => items[_random.Next(items.Count)];
}
