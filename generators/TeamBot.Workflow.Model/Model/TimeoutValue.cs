using System;
using System.Globalization;

namespace TeamBot.Workflow.Model;

/// <summary>The <c>timeout</c> format: a positive <c>hh:mm:ss</c> or <c>d.hh:mm:ss</c> duration.</summary>
public static class TimeoutValue
{
    private static readonly string[] Formats = [@"hh\:mm\:ss", @"d\.hh\:mm\:ss"];

    /// <summary>The timeout as a positive duration, or <see langword="null"/> when <paramref name="text"/> is not one.</summary>
    public static TimeSpan? Parse(string text) =>
        TimeSpan.TryParseExact(text.Trim(), Formats, CultureInfo.InvariantCulture, out TimeSpan value) && value > TimeSpan.Zero
            ? value
            : null;
}
