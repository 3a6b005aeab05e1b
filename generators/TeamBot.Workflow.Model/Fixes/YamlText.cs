using System.Text;

namespace TeamBot.Workflow.Fixes;

/// <summary>Writes names into YAML the way a person would: plain where YAML reads them back unchanged, else quoted.</summary>
public static class YamlText
{
    /// <summary><paramref name="value"/> as a plain scalar when it is a simple name, otherwise double-quoted and escaped.</summary>
    public static string Scalar(string value) => IsPlainName(value) ? value : Quote(value, '"');

    /// <summary><paramref name="value"/> in <paramref name="quote"/> quotes, escaped as that style requires.</summary>
    public static string Quote(string value, char quote)
    {
        if (quote == '\'')
        {
            return "'" + value.Replace("'", "''") + "'";
        }

        var builder = new StringBuilder(value.Length + 2).Append('"');
        foreach (char c in value)
        {
            _ = c switch
            {
                '"' => builder.Append("\\\""),
                '\\' => builder.Append("\\\\"),
                '\n' => builder.Append("\\n"),
                '\r' => builder.Append("\\r"),
                '\t' => builder.Append("\\t"),
                < ' ' => builder.Append("\\x").Append(((int)c).ToString("X2", System.Globalization.CultureInfo.InvariantCulture)),
                _ => builder.Append(c),
            };
        }

        return builder.Append('"').ToString();
    }

    // Letters, digits and _-./ only, not starting with a character YAML gives a meaning, and not a word YAML reads as
    // a boolean or null.
    private static bool IsPlainName(string value)
    {
        if (value.Length == 0 || value[0] is '-' or '.' or '/')
        {
            return false;
        }

        foreach (char c in value)
        {
            if (!(char.IsLetterOrDigit(c) && c < 128) && c is not ('_' or '-' or '.' or '/'))
            {
                return false;
            }
        }

        return value.ToUpperInvariant() is not ("TRUE" or "FALSE" or "NULL" or "YES" or "NO" or "ON" or "OFF" or "Y" or "N");
    }
}
