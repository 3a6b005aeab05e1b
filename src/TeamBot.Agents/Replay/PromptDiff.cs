using System;
using System.Collections.Generic;
using System.Text;
using DiffPlex.DiffBuilder;
using DiffPlex.DiffBuilder.Model;

namespace TeamBot.Agents.Replay;

/// <summary>A line diff of two prompts: the changed lines with a little context, <c>-</c> recorded and <c>+</c> now.</summary>
internal static class PromptDiff
{
    private const int Context = 2;
    private const int MaxLines = 40;

    public static string Of(string recorded, string now)
    {
        List<DiffPiece> lines = InlineDiffBuilder.Diff(recorded, now, ignoreWhiteSpace: false).Lines;
        var shown = new bool[lines.Count];
        for (int i = 0; i < lines.Count; i++)
        {
            if (lines[i].Type is ChangeType.Inserted or ChangeType.Deleted)
            {
                for (int j = Math.Max(0, i - Context); j <= Math.Min(lines.Count - 1, i + Context); j++)
                {
                    shown[j] = true;
                }
            }
        }

        var diff = new StringBuilder();
        int written = 0;
        for (int i = 0; i < lines.Count && written < MaxLines; i++)
        {
            if (!shown[i])
            {
                continue;
            }

            if (i > 0 && !shown[i - 1])
            {
                diff.Append("@@ line ").Append(i + 1).Append('\n');
            }

            char mark = lines[i].Type switch { ChangeType.Inserted => '+', ChangeType.Deleted => '-', _ => ' ' };
            diff.Append(mark).Append(' ').Append(lines[i].Text).Append('\n');
            written++;
        }

        if (written == MaxLines)
        {
            diff.Append("… (more lines differ)\n");
        }

        return diff.ToString();
    }
}
