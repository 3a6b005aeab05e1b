using System;
using System.Globalization;
using System.Text;

namespace TeamBot.Generators.Emitting;

/// <summary>
/// Escapes YAML text for C#. Nothing from a workflow file is written raw: string literals escape every character
/// outside printable ASCII, and doc comments drop the characters C# treats as line breaks, so text cannot end a
/// comment or literal and inject code.
/// </summary>
internal static class CSharpText
{
    /// <summary>A C# string literal for <paramref name="value"/>, or <c>null</c>.</summary>
    public static string Literal(string? value)
    {
        if (value is null)
        {
            return "null";
        }

        // Most values (keys, names, paths) need no escaping; a 3000-stage workflow has tens of thousands of them.
        if (IsPrintableAscii(value, except: "\"\\"))
        {
            return "\"" + value + "\"";
        }

        var builder = new StringBuilder(value.Length + 2);
        builder.Append('"');
        foreach (char c in value)
        {
            switch (c)
            {
                case '"':
                    builder.Append("\\\"");
                    break;
                case '\\':
                    builder.Append("\\\\");
                    break;
                case '\n':
                    builder.Append("\\n");
                    break;
                case '\r':
                    builder.Append("\\r");
                    break;
                case '\t':
                    builder.Append("\\t");
                    break;
                case >= ' ' and <= '~':
                    builder.Append(c);
                    break;
                default:
                    builder.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
                    break;
            }
        }

        return builder.Append('"').ToString();
    }

    /// <summary>Text for an XML doc comment: one line, markup escaped, line-break and control characters turned into spaces.</summary>
    public static string Doc(string value)
    {
        if (IsPrintableAscii(value, except: "&<>") && !value.StartsWith(" ", StringComparison.Ordinal) && !value.EndsWith(" ", StringComparison.Ordinal) && value.IndexOf("  ", StringComparison.Ordinal) < 0)
        {
            return value;
        }

        var builder = new StringBuilder(value.Length);
        bool space = false;
        foreach (char c in value)
        {
            if (char.IsControl(c) || char.IsWhiteSpace(c)
                || CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator or UnicodeCategory.Format)
            {
                space = builder.Length > 0;
                continue;
            }

            if (space)
            {
                builder.Append(' ');
                space = false;
            }

            _ = c switch
            {
                '&' => builder.Append("&amp;"),
                '<' => builder.Append("&lt;"),
                '>' => builder.Append("&gt;"),
                _ => builder.Append(c),
            };
        }

        return builder.ToString();
    }

    private static bool IsPrintableAscii(string value, string except)
    {
        foreach (char c in value)
        {
            if (c is < ' ' or > '~' || except.IndexOf(c) >= 0)
            {
                return false;
            }
        }

        return true;
    }
}
