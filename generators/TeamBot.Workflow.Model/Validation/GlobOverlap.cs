using System;
using System.Linq;

namespace TeamBot.Workflow.Validation;

/// <summary>
/// Tells whether two write globs (<c>*</c>, <c>?</c> within a segment, <c>**</c> across segments, as the workspace
/// tools match them) can match one path. Exact, not a guess from prefixes: <c>src/*.cs</c> and <c>src/*.md</c> never
/// overlap, <c>src/**</c> and <c>**/*.cs</c> do. Both levels are one table filled from the end, so the time is the
/// product of the lengths whatever the stars.
/// </summary>
internal static class GlobOverlap
{
    // Past this many cells the answer is taken to be yes: reporting a possible overlap is the safe side.
    private const int MaxCells = 1_000_000;

    public static bool MayOverlap(string first, string second)
    {
        string[] a = Segments(first);
        string[] b = Segments(second);
        if ((long)first.Length * second.Length > MaxCells)
        {
            return true;
        }

        return Intersects(a.Length, b.Length, i => a[i] == "**", j => b[j] == "**", (i, j) => SegmentsIntersect(a[i], b[j]));
    }

    /// <summary>
    /// The glob's segments as the file system sees them: <c>\</c> separates too, <c>.</c> and empty segments name
    /// nothing, and case is ignored (it decides nothing on Windows and macOS), so that no overlap hides behind spelling.
    /// </summary>
    private static string[] Segments(string glob) =>
        glob.ToUpperInvariant().Split('/', '\\').Where(segment => segment.Length > 0 && segment != ".").ToArray();

    private static bool SegmentsIntersect(string a, string b) =>
        Intersects(a.Length, b.Length, i => a[i] == '*', j => b[j] == '*', (i, j) => a[i] == '?' || b[j] == '?' || a[i] == b[j]);

    /// <summary>
    /// Whether some sequence matches both patterns, where a wildcard element stands for any run of elements and other
    /// elements must match one element each.
    /// </summary>
    private static bool Intersects(int n, int m, Func<int, bool> wildA, Func<int, bool> wildB, Func<int, int, bool> same)
    {
        // both[i, j]: the rest of a from i and the rest of b from j match some common sequence.
        bool[,] both = new bool[n + 1, m + 1];
        for (int i = n; i >= 0; i--)
        {
            for (int j = m; j >= 0; j--)
            {
                both[i, j] = i == n && j == m
                    || (i < n && wildA(i) && (both[i + 1, j] || (j < m && both[i, j + 1])))
                    || (j < m && wildB(j) && (both[i, j + 1] || (i < n && both[i + 1, j])))
                    || (i < n && j < m && !wildA(i) && !wildB(j) && same(i, j) && both[i + 1, j + 1]);
            }
        }

        return both[0, 0];
    }
}
