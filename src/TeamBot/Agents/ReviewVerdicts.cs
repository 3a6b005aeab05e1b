using System;
using System.Text.RegularExpressions;

namespace TeamBot.Agents;

/// <summary>Reads a verdict from review text, for agents that answer in text as the Python TeamBot's did.</summary>
public static partial class ReviewVerdicts
{
    /// <summary>The marker the Python TeamBot's reviewers wrote to approve.</summary>
    public const string ApprovalMarker = "VERIFIED_APPROVED:";

    /// <summary>
    /// The verdict of <paramref name="review"/>. It approves, in any letter case, what the Python TeamBot approved:
    /// <see cref="ApprovalMarker"/>, or the older form, an <c>APPROVED:</c> verdict with a <c>Verification Evidence:</c>
    /// section. Unlike the Python tool it never takes a negated or longer word for one: <c>NOT VERIFIED_APPROVED:</c>,
    /// <c>not approved:</c>, <c>DISAPPROVED:</c>, <c>UNVERIFIED_APPROVED:</c>. Markdown emphasis around the word
    /// (<c>**VERIFIED_APPROVED**:</c>) is allowed.
    /// </summary>
    public static ReviewVerdict FromText(string review)
    {
        ArgumentNullException.ThrowIfNull(review);
        bool approved = VerifiedApproval().IsMatch(review) || (LegacyApproval().IsMatch(review) && VerificationEvidence().IsMatch(review));
        return approved ? ReviewVerdict.Approved : ReviewVerdict.ChangesRequested;
    }

    // A word of its own (no letter, digit, '_' or '-' glued before it) that no "not", "never" or "no" negates, with or
    // without emphasis between them (NOT **VERIFIED_APPROVED**:).
    private const string Unnegated = @"(?<![\w-])(?<!\b(?:not|never|no)\s+[*_]*)";

    // Markdown emphasis may wrap the word, before or after the colon: **VERIFIED_APPROVED**: or **VERIFIED_APPROVED:**.
    private const string Emphasis = @"(?:\*\*|__|\*|_)?";

    [GeneratedRegex(Unnegated + Emphasis + "verified_approved" + Emphasis + ":", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex VerifiedApproval();

    [GeneratedRegex(Unnegated + Emphasis + "approved" + Emphasis + ":", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex LegacyApproval();

    [GeneratedRegex(Emphasis + @"verification\s+evidence" + Emphasis + ":", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex VerificationEvidence();
}
