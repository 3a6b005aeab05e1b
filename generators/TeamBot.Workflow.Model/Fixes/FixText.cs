using TeamBot.Workflow.Model;

namespace TeamBot.Workflow.Fixes;

/// <summary>The text-level edits fixes are made of, each reading the layout around the spot it edits.</summary>
internal readonly struct FixText(string text)
{
    private readonly string _text = text;

    /// <summary>Replaces a scalar, keeping its quotes if it had some.</summary>
    public TextReplacement Replace(SourceSpan span, string value)
    {
        char first = span.Length > 0 ? _text[span.Start] : ' ';
        string written = first is '"' or '\'' ? YamlText.Quote(value, first) : YamlText.Scalar(value);
        return new TextReplacement(span.Start, span.Length, written);
    }

    /// <summary>Inserts <paramref name="value"/> into the list that holds the item at <paramref name="item"/>, beside it.</summary>
    public TextReplacement? InsertListItem(SourceSpan item, string value, bool after)
    {
        string scalar = YamlText.Scalar(value);
        if (IsFlowItem(item))
        {
            return after ? new TextReplacement(item.End, 0, ", " + scalar) : new TextReplacement(item.Start, 0, scalar + ", ");
        }

        int lineStart = LineStart(item.Start);
        string prefix = _text.Substring(lineStart, item.Start - lineStart);
        if (prefix.Trim() != "-")
        {
            return null;
        }

        if (after)
        {
            int end = LineEnd(item.End);
            return new TextReplacement(end, 0, NewLine() + prefix + scalar);
        }

        return new TextReplacement(lineStart, 0, prefix + scalar + NewLine());
    }

    /// <summary>Removes a list item: its line in a block list, the item and one comma in a flow list.</summary>
    public TextReplacement? RemoveListItem(SourceSpan item)
    {
        if (IsFlowItem(item))
        {
            int before = SkipBack(item.Start);
            if (before >= 0 && _text[before] == ',')
            {
                return new TextReplacement(before, item.End - before, "");
            }

            int after = item.End;
            while (after < _text.Length && _text[after] is ' ' or '\t')
            {
                after++;
            }

            if (after < _text.Length && _text[after] == ',')
            {
                after++;
                while (after < _text.Length && _text[after] is ' ' or '\t')
                {
                    after++;
                }
            }

            return new TextReplacement(item.Start, after - item.Start, "");
        }

        int lineStart = LineStart(item.Start);
        if (_text.Substring(lineStart, item.Start - lineStart).Trim() != "-")
        {
            return null;
        }

        int next = NextLineStart(item.End);
        return new TextReplacement(lineStart, next - lineStart, "");
    }

    /// <summary>Adds <c>field: value</c> as the first field under the mapping key at <paramref name="key"/>.</summary>
    public TextReplacement? AddFirstField(SourceSpan key, string name, string value)
    {
        string field = name + ": " + YamlText.Scalar(value);
        // Only a block mapping, written on the lines after its key: "KEY:" with nothing but a comment after the colon.
        int colon = key.End;
        while (colon < _text.Length && _text[colon] is ' ' or '\t')
        {
            colon++;
        }

        if (colon >= _text.Length || _text[colon] != ':')
        {
            return null;
        }

        int rest = colon + 1;
        while (rest < _text.Length && _text[rest] is ' ' or '\t')
        {
            rest++;
        }

        if (rest < _text.Length && _text[rest] is not ('\r' or '\n' or '#'))
        {
            return null;
        }

        int keyIndent = key.Start - LineStart(key.Start);
        int next = NextLineStart(key.End);
        string indent = new(' ', keyIndent + 2);
        for (int line = next; line < _text.Length; line = NextLineStart(line))
        {
            int content = line;
            while (content < _text.Length && _text[content] == ' ')
            {
                content++;
            }

            if (content < _text.Length && _text[content] is '\r' or '\n' or '#')
            {
                continue;
            }

            if (content - line > keyIndent)
            {
                indent = new string(' ', content - line);
            }

            break;
        }

        if (next >= _text.Length && (_text.Length == 0 || _text[_text.Length - 1] is not '\n'))
        {
            return new TextReplacement(_text.Length, 0, NewLine() + indent + field);
        }

        return new TextReplacement(next, 0, indent + field + NewLine());
    }

    private bool IsFlowItem(SourceSpan item)
    {
        int before = SkipBack(item.Start);
        return before >= 0 && _text[before] is '[' or ',';
    }

    /// <summary>The last character before <paramref name="offset"/> that is not a space, tab or line break; -1 if none.</summary>
    private int SkipBack(int offset)
    {
        int at = offset - 1;
        while (at >= 0 && _text[at] is ' ' or '\t' or '\r' or '\n')
        {
            at--;
        }

        return at;
    }

    private int LineStart(int offset)
    {
        int at = offset;
        while (at > 0 && _text[at - 1] is not ('\n' or '\r'))
        {
            at--;
        }

        return at;
    }

    private int LineEnd(int offset)
    {
        int at = offset;
        while (at < _text.Length && _text[at] is not ('\n' or '\r'))
        {
            at++;
        }

        return at;
    }

    private int NextLineStart(int offset)
    {
        int at = LineEnd(offset);
        if (at < _text.Length && _text[at] == '\r')
        {
            at++;
        }

        if (at < _text.Length && _text[at] == '\n')
        {
            at++;
        }

        return at;
    }

    /// <summary>The line break the file uses (its first one: "\r\n", "\r" or "\n"), so added lines match the rest.</summary>
    private string NewLine()
    {
        int first = _text.IndexOfAny(['\r', '\n']);
        return first < 0 || _text[first] == '\n' ? "\n" : first + 1 < _text.Length && _text[first + 1] == '\n' ? "\r\n" : "\r";
    }
}
