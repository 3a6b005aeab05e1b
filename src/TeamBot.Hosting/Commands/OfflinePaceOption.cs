using System;
using System.CommandLine;
using System.Globalization;

namespace TeamBot.Hosting.Commands;

/// <summary>
/// <c>--pace</c>: how long the offline agent takes per call. By default it pauses only where a person watches the live
/// view; redirected output and CI get the answers at once.
/// </summary>
internal static class OfflinePaceOption
{
    /// <summary>The pace of the live view when none is given: calls of 0.5 to 1.5 s, long enough to see a parallel group run.</summary>
    public static readonly TimeSpan Normal = TimeSpan.FromSeconds(1);

    private static readonly TimeSpan Longest = TimeSpan.FromMinutes(1);

    /// <summary>The option; its value is <see langword="null"/> for <c>auto</c>.</summary>
    public static Option<TimeSpan?> Create()
    {
        var option = new Option<TimeSpan?>("--pace")
        {
            Description = "With the offline agent: its pause per call, so a run can be watched: auto (normal on the live view, 0 otherwise), fast (0.25s), normal (1s), slow (3s), 0, or a duration such as 500ms or 2s; each call takes from half to one and a half times it.",
        };
        option.CompletionSources.Add("auto", "fast", "normal", "slow", "0");
        option.CustomParser = result =>
        {
            string text = result.Tokens.Count > 0 ? result.Tokens[^1].Value : "";
            if (Parse(text) is not { } pace)
            {
                result.AddError($"{option.Name}: '{text}' is not a pace: auto, fast, normal, slow, 0, or a duration such as 500ms or 2s");
                return null;
            }

            if (pace > Longest)
            {
                result.AddError($"{option.Name}: '{text}' is longer than the longest pace, 60s");
                return null;
            }

            return pace < TimeSpan.Zero ? null : pace;
        };
        return option;
    }

    /// <summary>The pace the option gives, <paramref name="live"/> deciding <c>auto</c> (a null value).</summary>
    public static TimeSpan Resolve(TimeSpan? given, bool live) => given ?? (live ? Normal : TimeSpan.Zero);

    /// <summary>The pace <paramref name="text"/> names; a negative span stands for auto, <see langword="null"/> for a malformed value.</summary>
    private static TimeSpan? Parse(string text) => text switch
    {
        "auto" => TimeSpan.FromTicks(-1),
        "fast" => TimeSpan.FromMilliseconds(250),
        "normal" => Normal,
        "slow" => TimeSpan.FromSeconds(3),
        "0" => TimeSpan.Zero,
        _ when text.EndsWith("ms", StringComparison.Ordinal) => Milliseconds(text[..^2], 1),
        _ when text.EndsWith('s') => Milliseconds(text[..^1], 1000),
        _ => null,
    };

    /// <summary>The number in <paramref name="text"/> times <paramref name="unit"/> ms; past the longest pace it is capped, so that a huge number cannot overflow a TimeSpan.</summary>
    private static TimeSpan? Milliseconds(string text, double unit) =>
        text.Length > 0 && char.IsAsciiDigit(text[0]) && double.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out double value) && double.IsFinite(value * unit)
            ? TimeSpan.FromMilliseconds(Math.Min(value * unit, Longest.TotalMilliseconds + 1))
            : null;
}
