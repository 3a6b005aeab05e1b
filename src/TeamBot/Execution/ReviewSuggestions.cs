using System;
using System.Collections.Generic;
using System.Text.RegularExpressions;

namespace TeamBot.Execution;

/// <summary>
/// The actionable points of a review loop's feedback, as the Python TeamBot's failure reports listed them: every bullet
/// (<c>-</c>, <c>*</c>, <c>•</c>) and numbered item of every review, first occurrence first, each once.
/// </summary>
internal static partial class ReviewSuggestions
{
    public static IReadOnlyList<string> From(IEnumerable<string?> reviews)
    {
        var suggestions = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (string? review in reviews)
        {
            foreach (string line in (review ?? "").Split('\n'))
            {
                if (Item().Match(line.Trim()) is { Success: true } item && item.Groups["text"].Value.Trim() is { Length: > 0 } text && seen.Add(text))
                {
                    suggestions.Add(text);
                }
            }
        }

        return suggestions;
    }

    [GeneratedRegex(@"^(?:[-*•]+|\d+\.)\s*(?<text>.*)$", RegexOptions.CultureInvariant)]
    private static partial Regex Item();
}
