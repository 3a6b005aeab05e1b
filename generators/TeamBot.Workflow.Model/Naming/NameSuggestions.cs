using System;
using System.Collections.Generic;

namespace TeamBot.Workflow.Naming;

/// <summary>Finds the known name closest to a misspelt one, for "did you mean" messages.</summary>
public static class NameSuggestions
{
    /// <summary>Returns the closest candidate within a third of the name's length in edits, or <see langword="null"/>.</summary>
    public static string? Closest(string name, IEnumerable<string> candidates)
    {
        string? best = null;
        int bestDistance = int.MaxValue;
        int limit = Math.Max(1, name.Length / 3);
        foreach (string candidate in candidates)
        {
            int distance = Distance(name.ToUpperInvariant(), candidate.ToUpperInvariant());
            if (distance <= limit && distance < bestDistance && candidate != name)
            {
                best = candidate;
                bestDistance = distance;
            }
        }

        return best;
    }

    /// <summary>Formats the suggestion as the tail of a message: <c> Did you mean 'X'?</c>, else <paramref name="otherwise"/>.</summary>
    public static string DidYouMean(string name, IEnumerable<string> candidates, string otherwise = "") =>
        Closest(name, candidates) is { } match ? $" Did you mean '{match}'?" : otherwise;

    /// <summary>The tail of an unknown-stage message: a near stage name, or how to fix it.</summary>
    public static string ForStage(string name, IEnumerable<string> stageKeys) =>
        DidYouMean(name, stageKeys, " Declare it under 'stages' or correct the name.");

    /// <summary>The Levenshtein distance with adjacent transpositions counted as one edit.</summary>
    private static int Distance(string a, string b)
    {
        if (Math.Abs(a.Length - b.Length) > 8)
        {
            return int.MaxValue;
        }

        var d = new int[a.Length + 1, b.Length + 1];
        for (int i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (int j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (int i = 1; i <= a.Length; i++)
        {
            for (int j = 1; j <= b.Length; j++)
            {
                int cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }

        return d[a.Length, b.Length];
    }
}
