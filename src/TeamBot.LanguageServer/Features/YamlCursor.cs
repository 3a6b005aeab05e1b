using System;
using System.Collections.Generic;

namespace TeamBot.LanguageServer.Features;

/// <summary>
/// Where a position is in a workflow file, read from the text by indentation, so that it works on the half-typed lines
/// an editor asks about (which do not parse): the keys the line is nested under, and whether the cursor is where a key
/// is written or in the value of <see cref="Key"/>.
/// </summary>
/// <param name="Path">The keys of the mappings the line is nested under, outermost first.</param>
/// <param name="Key">The key whose value the cursor is in, or <see langword="null"/> when the cursor is where a key goes.</param>
/// <param name="Word">The name under or just before the cursor, with its start offset.</param>
/// <param name="WordStart">The offset where <see cref="Word"/> starts.</param>
internal sealed record YamlCursor(IReadOnlyList<string> Path, string? Key, string Word, int WordStart)
{
    /// <summary>How far up a flow collection spread over lines is followed; workflow files write a few lines at most.</summary>
    private const int MaxFlowLines = 200;

    public bool InValue => Key is not null;

    /// <summary>Gets a value indicating whether the cursor is in a comment, where nothing is completed.</summary>
    public bool InComment { get; init; }

    /// <summary>Gets a value indicating whether a colon already follows the word, so a completed key needs none.</summary>
    public bool ColonFollows { get; init; }

    public static YamlCursor At(string text, int offset)
    {
        offset = Math.Min(Math.Max(0, offset), text.Length);
        int lineStart = LineStart(text, offset);
        string prefix = text.Substring(lineStart, offset - lineStart);
        int indent = Indent(prefix);
        string content = prefix.Substring(Math.Min(indent, prefix.Length));
        (string word, int wordStart) = WordAround(text, offset);
        int afterWord = wordStart + word.Length;
        bool colonFollows = afterWord < text.Length && text[afterWord] == ':';
        if (CommentStart(content) >= 0)
        {
            return new YamlCursor([], null, word, wordStart) { InComment = true };
        }

        bool listItem = content.StartsWith('-');
        int colon = KeyColon(content);
        if (listItem && colon < 0)
        {
            // "  - RESEARCH": an item of the list under the nearest key above.
            (List<string> parents, string? key) = Parents(text, lineStart, indent, includeEqualIndent: true);
            return new YamlCursor(parents, key, word, wordStart) { ColonFollows = colonFollows };
        }

        if (colon < 0 && !listItem && InOpenFlowCollection(text, lineStart, prefix, word, wordStart) is { } continued)
        {
            return continued with { ColonFollows = colonFollows };
        }

        List<string> path = Parents(text, lineStart, indent, includeEqualIndent: false).Path;
        if (colon >= 0)
        {
            string key = content.Substring(listItem ? 1 : 0, colon - (listItem ? 1 : 0)).Trim().Trim('"', '\'');
            return new YamlCursor(path, key, word, wordStart) { ColonFollows = colonFollows };
        }

        return new YamlCursor(path, null, word, wordStart) { ColonFollows = colonFollows };
    }

    /// <summary>The keys above a line indented <paramref name="indent"/>, outermost first; the last is returned apart when it owns a list item.</summary>
    private static (List<string> Path, string? Key) Parents(string text, int lineStart, int indent, bool includeEqualIndent)
    {
        var keys = new List<string>();
        int limit = indent;
        bool equalAllowed = includeEqualIndent;
        int line = lineStart;
        while (line > 0 && (limit > 0 || equalAllowed))
        {
            line = LineStart(text, line - 1);
            string lineText = LineText(text, line);
            int lineIndent = Indent(lineText);
            string content = lineText.Substring(lineIndent);
            if (content.Length == 0 || content[0] == '#' || content.StartsWith('-'))
            {
                continue;
            }

            if (lineIndent < limit || (equalAllowed && lineIndent <= limit))
            {
                int colon = KeyColon(content);
                if (colon > 0)
                {
                    keys.Add(content.Substring(0, colon).Trim().Trim('"', '\''));
                }

                limit = lineIndent;
                equalAllowed = false;
            }
        }

        keys.Reverse();
        if (!includeEqualIndent || keys.Count == 0)
        {
            return (keys, null);
        }

        string owner = keys[keys.Count - 1];
        keys.RemoveAt(keys.Count - 1);
        return (keys, owner);
    }

    /// <summary>
    /// The cursor on a later line of a flow list or mapping opened above (<c>stage_order: [SETUP,</c>, then <c>SPEC, |</c>):
    /// in the value of the key that opened it. <see langword="null"/> when no bracket opened above is still open.
    /// </summary>
    private static YamlCursor? InOpenFlowCollection(string text, int lineStart, string prefix, string word, int wordStart)
    {
        int depth = Depth(prefix);
        int line = lineStart;
        for (int steps = 0; line > 0 && steps < MaxFlowLines; steps++)
        {
            line = LineStart(text, line - 1);
            string lineText = LineText(text, line);
            depth += Depth(lineText);
            if (depth > 0)
            {
                int indent = Indent(lineText);
                string content = lineText.Substring(indent);
                int colon = KeyColon(content);
                if (colon <= 0)
                {
                    return null;
                }

                string key = content.Substring(0, colon).Trim().Trim('"', '\'');
                return new YamlCursor(Parents(text, line, indent, includeEqualIndent: false).Path, key, word, wordStart);
            }
        }

        return null;
    }

    /// <summary>How many brackets a line opens and leaves open (negative when it closes more), outside quotes and comments.</summary>
    private static int Depth(string line)
    {
        int depth = 0;
        int end = CommentStart(line);
        FirstOutsideQuotes(end < 0 ? line : line.Substring(0, end), (text, i) =>
        {
            depth += text[i] switch { '[' or '{' => 1, ']' or '}' => -1, _ => 0 };
            return false;
        });
        return depth;
    }

    /// <summary>Where a comment starts in a line's content: a '#' at its start or after a space, outside quotes; -1 if none.</summary>
    private static int CommentStart(string content) =>
        FirstOutsideQuotes(content, (text, i) => text[i] == '#' && (i == 0 || text[i - 1] is ' ' or '\t'));

    /// <summary>The colon that ends a key on a line's content (outside quotes, before a comment or a flow collection), or -1.</summary>
    private static int KeyColon(string content)
    {
        int at = FirstOutsideQuotes(content, (text, i) => text[i] is '#' or '[' or '{' || (text[i] == ':' && (i + 1 == text.Length || text[i + 1] is ' ' or '\t')));
        return at >= 0 && content[at] == ':' ? at : -1;
    }

    /// <summary>The first index outside single or double quotes where <paramref name="stop"/> holds; -1 if none.</summary>
    private static int FirstOutsideQuotes(string content, Func<string, int, bool> stop)
    {
        char quote = '\0';
        for (int i = 0; i < content.Length; i++)
        {
            char c = content[i];
            if (quote != '\0')
            {
                quote = c == quote ? '\0' : quote;
            }
            else if (c is '"' or '\'')
            {
                quote = c;
            }
            else if (stop(content, i))
            {
                return i;
            }
        }

        return -1;
    }

    private static (string Word, int Start) WordAround(string text, int offset)
    {
        int start = offset;
        while (start > 0 && IsNameChar(text[start - 1]))
        {
            start--;
        }

        int end = offset;
        while (end < text.Length && IsNameChar(text[end]))
        {
            end++;
        }

        return (text.Substring(start, end - start), start);
    }

    private static bool IsNameChar(char c) => char.IsLetterOrDigit(c) || c is '_' or '-' or '.' or '/';

    private static int Indent(string line)
    {
        int indent = 0;
        while (indent < line.Length && line[indent] == ' ')
        {
            indent++;
        }

        return indent;
    }

    private static int LineStart(string text, int offset)
    {
        int at = Math.Min(offset, text.Length);
        while (at > 0 && text[at - 1] is not ('\n' or '\r'))
        {
            at--;
        }

        return at;
    }

    private static string LineText(string text, int lineStart)
    {
        int end = lineStart;
        while (end < text.Length && text[end] is not ('\n' or '\r'))
        {
            end++;
        }

        return text.Substring(lineStart, end - lineStart);
    }
}
