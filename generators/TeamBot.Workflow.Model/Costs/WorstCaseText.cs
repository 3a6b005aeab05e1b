using System;
using System.Globalization;

namespace TeamBot.Workflow.Costs;

/// <summary>How worst-case figures read in messages: whole hours past a day (<c>50:45:00</c>), numbers invariant.</summary>
public static class WorstCaseText
{
    /// <summary>A duration as hours, minutes and seconds, the hours unbounded.</summary>
    public static string Duration(TimeSpan value) =>
        string.Format(CultureInfo.InvariantCulture, "{0:00}:{1:00}:{2:00}", (long)Math.Floor(value.TotalHours), value.Minutes, value.Seconds);

    /// <summary>A whole number with no grouping, as it would be written in stages.yaml.</summary>
    public static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>A decimal amount as written, trailing zeros kept to two places.</summary>
    public static string Amount(decimal value) => value.ToString(value == decimal.Round(value, 2) ? "0.00" : "0.##########", CultureInfo.InvariantCulture);
}
