using System;
using System.Text.RegularExpressions;

namespace TeamBot.Agents;

/// <summary>Reads a verdict from review text, for agents that answer in text as the Python TeamBot's did.</summary>
public static partial class ReviewVerdicts
{
    /// <summary>The marker the Python TeamBot's reviewers wrote to approve.</summary>
    public const string ApprovalMarker = "VERIFIED_APPROVED:";

    /// <summary>
    /// The verdict of <paramref name="review"/>: approved when it carries <see cref="ApprovalMarker"/> as a word of its
    /// own, not negated ("NOT VERIFIED_APPROVED:"); "approved:" or "not approved:" never approve.
    /// </summary>
    public static ReviewVerdict FromText(string review)
    {
        ArgumentNullException.ThrowIfNull(review);
        return Marker().IsMatch(review) ? ReviewVerdict.Approved : ReviewVerdict.ChangesRequested;
    }

    [GeneratedRegex(@"(?<![\w-])(?<!\bNOT\s)(?<!\bnot\s)VERIFIED_APPROVED:", RegexOptions.CultureInvariant)]
    private static partial Regex Marker();
}
