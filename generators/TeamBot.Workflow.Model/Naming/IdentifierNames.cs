using System.Globalization;
using System.Text;
using Microsoft.CodeAnalysis.CSharp;

namespace TeamBot.Workflow.Naming;

/// <summary>Turns YAML keys and file names into .NET identifiers: <c>SPEC_REVIEW</c> becomes <c>SpecReview</c>.</summary>
public static class IdentifierNames
{
    /// <summary>
    /// Converts <paramref name="key"/> to a PascalCase C# identifier, or returns an empty string when the key has no
    /// letter or digit at all. Characters that cannot be part of an identifier separate words; an all-capitals word is
    /// lowered after its first letter; a leading digit gets an underscore; a C# keyword gets an <c>@</c>.
    /// </summary>
    public static string ToPascalCase(string key)
    {
        var builder = new StringBuilder(key.Length);
        int i = 0;
        while (i < key.Length)
        {
            while (i < key.Length && !IsWordCharacter(key[i]))
            {
                i++;
            }

            int start = i;
            while (i < key.Length && IsWordCharacter(key[i]))
            {
                i++;
            }

            if (i > start)
            {
                AppendWord(builder, key.Substring(start, i - start));
            }
        }

        if (builder.Length == 0)
        {
            return "";
        }

        if (!SyntaxFacts.IsIdentifierStartCharacter(builder[0]))
        {
            builder.Insert(0, '_');
        }

        string identifier = builder.ToString();
        return SyntaxFacts.GetKeywordKind(identifier) != SyntaxKind.None ? "@" + identifier : identifier;
    }

    /// <summary>Like <see cref="ToPascalCase"/>, but never empty.</summary>
    public static string ToIdentifier(string name)
    {
        string pascal = ToPascalCase(name);
        return pascal.Length == 0 ? "_" : pascal;
    }

    /// <summary>
    /// Makes a valid C# identifier of a name the user chose (class or enum name) without changing its case: invalid
    /// characters become underscores, a leading digit gets an underscore, a keyword gets an <c>@</c>.
    /// </summary>
    public static string Sanitize(string name)
    {
        var builder = new StringBuilder(name.Length + 1);
        foreach (char c in name)
        {
            builder.Append(SyntaxFacts.IsIdentifierPartCharacter(c) ? c : '_');
        }

        if (builder.Length == 0 || !SyntaxFacts.IsIdentifierStartCharacter(builder[0]))
        {
            builder.Insert(0, '_');
        }

        string identifier = builder.ToString();
        return SyntaxFacts.GetKeywordKind(identifier) != SyntaxKind.None ? "@" + identifier : identifier;
    }

    /// <summary>Sanitizes each part of a dotted namespace; an empty name stays empty (the global namespace).</summary>
    public static string SanitizeNamespace(string name)
    {
        string[] parts = name.Split(['.'], System.StringSplitOptions.RemoveEmptyEntries);
        for (int i = 0; i < parts.Length; i++)
        {
            parts[i] = Sanitize(parts[i].Trim());
        }

        return string.Join(".", parts);
    }

    private static bool IsWordCharacter(char c) =>
        c != '_' && SyntaxFacts.IsIdentifierPartCharacter(c) && CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.Format;

    private static void AppendWord(StringBuilder builder, string word)
    {
        bool allUpper = true;
        foreach (char c in word)
        {
            if (char.IsLower(c))
            {
                allUpper = false;
                break;
            }
        }

        builder.Append(char.ToUpperInvariant(word[0]));
        builder.Append(allUpper ? word.Substring(1).ToLowerInvariant() : word.Substring(1));
    }
}
