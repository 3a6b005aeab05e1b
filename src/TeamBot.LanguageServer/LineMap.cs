using System;
using System.Collections.Generic;
using TeamBot.LanguageServer.Protocol;

namespace TeamBot.LanguageServer;

/// <summary>
/// Offsets to LSP positions and back for one text. Lines end at <c>\n</c>, <c>\r\n</c> or <c>\r</c>, as LSP counts them;
/// positions past a line's end are clamped to it, as the protocol asks.
/// </summary>
internal sealed class LineMap
{
    private readonly string _text;
    private readonly List<int> _starts = [0];

    public LineMap(string text)
    {
        _text = text;
        for (int i = 0; i < text.Length; i++)
        {
            if (text[i] == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
            {
                i++;
            }

            if (text[i] is '\n' or '\r')
            {
                _starts.Add(i + 1);
            }
        }
    }

    public int LineCount => _starts.Count;

    public int ToOffset(Position position)
    {
        if (position.Line < 0)
        {
            return 0;
        }

        if (position.Line >= _starts.Count)
        {
            return _text.Length;
        }

        int start = _starts[position.Line];
        return start + Math.Min(Math.Max(0, position.Character), LineLength(position.Line));
    }

    public Position ToPosition(int offset)
    {
        offset = Math.Min(Math.Max(0, offset), _text.Length);
        int line = _starts.BinarySearch(offset);
        if (line < 0)
        {
            line = ~line - 1;
        }

        return new Position(line, offset - _starts[line]);
    }

    public LspRange ToRange(int start, int end) => new(ToPosition(start), ToPosition(Math.Max(start, end)));

    /// <summary>The line's length without its line break.</summary>
    private int LineLength(int line)
    {
        int end = line + 1 < _starts.Count ? _starts[line + 1] : _text.Length;
        int start = _starts[line];
        while (end > start && _text[end - 1] is '\n' or '\r')
        {
            end--;
        }

        return end - start;
    }
}
