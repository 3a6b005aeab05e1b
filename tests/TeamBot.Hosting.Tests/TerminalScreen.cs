using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace TeamBot.Hosting.Tests;

/// <summary>
/// What a terminal shows after a stream of output: plays back the cursor moves and erasures the live view writes, so a
/// test sees the screen a person is left with rather than every frame ever drawn.
/// </summary>
internal static class TerminalScreen
{
    /// <summary>The lines left on screen after <paramref name="output"/>, without colours or links.</summary>
    /// <exception cref="NotSupportedException">A control sequence this playback does not know.</exception>
    public static IReadOnlyList<string> Replay(string output)
    {
        var lines = new List<StringBuilder> { new() };
        int row = 0, column = 0;
        for (int i = 0; i < output.Length; i++)
        {
            char c = output[i];
            if (c == '\u001b' && i + 1 < output.Length && output[i + 1] == ']')
            {
                // An OSC sequence (a link), ended by ESC \ or BEL: no visible text of its own.
                int end = output.IndexOf('\u001b', i + 2);
                int bell = output.IndexOf('\a', i + 2);
                i = bell >= 0 && (end < 0 || bell < end) ? bell : end + 1;
                continue;
            }

            if (c == '\u001b' && i + 1 < output.Length && output[i + 1] == '[')
            {
                int start = i + 2, j = start;
                while (j < output.Length && !char.IsAsciiLetter(output[j]))
                {
                    j++;
                }

                string parameter = output[start..j];
                int n = int.TryParse(parameter, NumberStyles.Integer, CultureInfo.InvariantCulture, out int parsed) ? parsed : 0;
                switch (output[j])
                {
                    case 'A':
                        row = Math.Max(0, row - Math.Max(1, n));
                        break;
                    case 'B':
                        row += Math.Max(1, n);
                        break;
                    case 'G':
                        column = Math.Max(0, n - 1);
                        break;
                    case 'K':
                        Line(lines, row).Clear();
                        break;
                    case 'J':
                        Line(lines, row).Length = Math.Min(column, Line(lines, row).Length);
                        lines.RemoveRange(row + 1, lines.Count - row - 1);
                        break;
                    case 'm' or 'h' or 'l':
                        break;
                    default:
                        throw new NotSupportedException($"ESC[{parameter}{output[j]}");
                }

                i = j;
                continue;
            }

            switch (c)
            {
                case '\r':
                    column = 0;
                    break;
                case '\n':
                    row++;
                    column = 0;
                    break;
                default:
                    StringBuilder line = Line(lines, row);
                    if (column < line.Length)
                    {
                        line[column] = c;
                    }
                    else
                    {
                        line.Append(' ', column - line.Length).Append(c);
                    }

                    column++;
                    break;
            }
        }

        // Lines below the cursor that nothing was written on are not part of the screen.
        var screen = new List<string>();
        foreach (StringBuilder line in lines)
        {
            screen.Add(line.ToString().TrimEnd());
        }

        while (screen.Count > 0 && screen[^1].Length == 0)
        {
            screen.RemoveAt(screen.Count - 1);
        }

        return screen;
    }

    private static StringBuilder Line(List<StringBuilder> lines, int row)
    {
        while (lines.Count <= row)
        {
            lines.Add(new StringBuilder());
        }

        return lines[row];
    }
}
