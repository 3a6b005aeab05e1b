namespace TeamBot.Agents;

/// <summary>A reviewer's decision.</summary>
public enum ReviewVerdict
{
    /// <summary>The work is approved; the review loop ends.</summary>
    Approved,

    /// <summary>The work goes back to the work agent with the review as feedback.</summary>
    ChangesRequested,
}
