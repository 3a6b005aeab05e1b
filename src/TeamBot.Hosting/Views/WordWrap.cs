using System;
using System.Collections.Generic;
using System.Text;

namespace TeamBot.Hosting.Views;

/// <summary>Breaks text into lines at spaces, so that the live view never cuts a word in two to fit its cell.</summary>
internal static class WordWrap
{
    /// <summary>The lines of <paramref name="text"/> at most <paramref name="width"/> wide; only a word longer than a whole line is split.</summary>
    public static IReadOnlyList<string> Lines(string text, int width)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        var lines = new List<string>();
        var line = new StringBuilder();
        foreach (string word in text.ReplaceLineEndings(" ").Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            string rest = word;
            if (line.Length > 0 && line.Length + 1 + rest.Length > width)
            {
                lines.Add(line.ToString());
                line.Clear();
            }

            while (rest.Length > width)
            {
                lines.Add(rest[..width]);
                rest = rest[width..];
            }

            line.Append(line.Length > 0 ? " " : "").Append(rest);
        }

        if (line.Length > 0)
        {
            lines.Add(line.ToString());
        }

        return lines;
    }

    /// <summary>The last <paramref name="count"/> lines of <paramref name="text"/> wrapped at <paramref name="width"/>: the latest of a stream.</summary>
    public static IReadOnlyList<string> LastLines(string text, int width, int count)
    {
        IReadOnlyList<string> lines = Lines(text, width);
        return lines.Count <= count ? lines : [.. System.Linq.Enumerable.TakeLast(lines, count)];
    }

    /// <summary>
    /// The end of <paramref name="text"/>, at most <paramref name="length"/> characters, starting at a word: what a stream
    /// keeps of an agent's answer so far.
    /// </summary>
    public static string Tail(string text, int length)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length <= length)
        {
            return text;
        }

        string tail = text[^length..];
        int space = tail.IndexOfAny([' ', '\n', '\r']);
        return space < 0 ? tail : tail[(space + 1)..];
    }
}
