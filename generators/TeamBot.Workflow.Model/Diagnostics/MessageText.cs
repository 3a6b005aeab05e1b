using System.Globalization;
using System.Text;

namespace TeamBot.Workflow.Diagnostics;

/// <summary>
/// Escapes what a workflow file puts into a diagnostic message (stage keys, agents, group names, paths, field names,
/// exception texts). Build output, the IDE's error list and logs show a diagnostic as one line, so a newline in a name
/// would cut the message short and could pass the rest off as a line of its own; bidirectional overrides could make it
/// read as something else.
/// </summary>
public static class MessageText
{
    /// <summary>
    /// <paramref name="value"/> with a line feed shown as <c>\n</c> and every other control character, line or paragraph
    /// separator and bidirectional control shown as <c>\uXXXX</c>; anything else, backslashes included, is kept as is.
    /// </summary>
    public static string Escape(string value)
    {
        // Nearly every argument is a plain name: no copy for those.
        int first = 0;
        while (first < value.Length && !NeedsEscape(value[first]))
        {
            first++;
        }

        if (first == value.Length)
        {
            return value;
        }

        var builder = new StringBuilder(value.Length + 8);
        builder.Append(value, 0, first);
        for (int i = first; i < value.Length; i++)
        {
            char c = value[i];
            if (c == '\n')
            {
                builder.Append("\\n");
            }
            else if (NeedsEscape(c))
            {
                builder.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    private static bool NeedsEscape(char c) =>
        char.IsControl(c)
        || c is '\u2028' or '\u2029'
        || c is '\u061C' or '\u200E' or '\u200F' or (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069');
}
