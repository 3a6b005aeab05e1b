using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using TeamBot.Workflow.Diagnostics;
using TeamBot.Workflow.Model;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace TeamBot.Workflow.Parsing;

/// <summary>Reads YAML text into a <see cref="YamlTreeNode"/> tree, reporting problems instead of throwing.</summary>
internal sealed class YamlTreeReader
{
    /// <summary>The most nodes a document may stand for with aliases expanded; a 3000-stage workflow needs about 60 000.</summary>
    internal const long MaxExpandedNodes = 1_000_000;

    /// <summary>The deepest nesting accepted; the schema needs four levels.</summary>
    internal const int MaxDepth = 64;

    private static readonly EquatableArray<string> UnclosedFlow = new[] { "This '[' or '{' is never closed; close it before the next key." }.ToEquatableArray();

    private readonly List<WorkflowProblem> _problems;
    private readonly Dictionary<string, YamlTreeNode> _anchors = new(StringComparer.Ordinal);
    private readonly Parser _parser;
    private readonly string _text;

    /// <summary>The flow collections ('[' or '{') opened and not yet closed, innermost last.</summary>
    private readonly Stack<SourceSpan> _openFlows = new();

    /// <summary>Where the node last read was written: an alias's own position, not its anchor's.</summary>
    private SourceSpan _lastRead;

    private YamlTreeReader(string text, List<WorkflowProblem> problems)
    {
        _problems = problems;
        _text = text;
        _parser = new Parser(new Scanner(new StringReader(text), skipComments: true));
    }

    /// <summary>Reads the first document of <paramref name="text"/>; returns <see langword="null"/> when there is none or it is unreadable.</summary>
    public static YamlTreeNode? Read(string text, List<WorkflowProblem> problems)
    {
        var reader = new YamlTreeReader(text, problems);
        try
        {
            return reader.ReadDocument();
        }
        catch (YamlException ex)
        {
            problems.Add(new WorkflowProblem(RuleIds.YamlSyntax, reader.Locate(ex), new[] { Describe(ex) }.ToEquatableArray()));
            return null;
        }
        catch (AbortReadingException)
        {
            return null;
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's scanner throws this, unlocated, for a flow collection left open before more block content.
            SourceSpan where = reader._openFlows.Count > 0 ? reader._openFlows.Peek() : reader._lastRead;
            problems.Add(new WorkflowProblem(RuleIds.YamlSyntax, where, UnclosedFlow));
            return null;
        }
    }

    private YamlTreeNode? ReadDocument()
    {
        Expect<StreamStart>();
        if (_parser.TryConsume<StreamEnd>(out _))
        {
            return null;
        }

        Expect<DocumentStart>();
        YamlTreeNode root = ReadNode(depth: 0);
        Expect<DocumentEnd>();
        return root;
    }

    private YamlTreeNode ReadNode(int depth)
    {
        ParsingEvent current = _parser.Current ?? throw new AbortReadingException();
        if (depth > MaxDepth)
        {
            Report(RuleIds.NestingTooDeep, ToSpan(current.Start, current.End), MaxDepth.ToString(CultureInfo.InvariantCulture));
            throw new AbortReadingException();
        }

        switch (current)
        {
            case AnchorAlias alias:
                _parser.MoveNext();
                _lastRead = ToSpan(alias.Start, alias.End);
                if (!_anchors.TryGetValue(alias.Value.Value, out YamlTreeNode? target))
                {
                    // YamlDotNet reports undefined aliases itself; this is a guard for the impossible.
                    throw new AnchorNotFoundException(alias.Start, alias.End, $"Alias '*{alias.Value.Value}' has no anchor.");
                }

                return target;

            case Scalar scalar:
                _parser.MoveNext();
                SourceSpan span = ToSpan(scalar.Start, scalar.End);
                if (!scalar.Anchor.IsEmpty || !scalar.Tag.IsEmpty)
                {
                    span = SkipProperties(span);
                }

                return Anchor(scalar.Anchor, new YamlTreeScalar(span, scalar.Value, scalar.Style == ScalarStyle.Plain));

            case SequenceStart start:
                _parser.MoveNext();
                return Anchor(start.Anchor, ReadSequence(start, depth));

            case MappingStart start:
                _parser.MoveNext();
                return Anchor(start.Anchor, ReadMapping(start, depth));

            default:
                throw new SemanticErrorException(current.Start, current.End, $"Unexpected {current.GetType().Name}.");
        }
    }

    private YamlTreeSequence ReadSequence(SequenceStart start, int depth)
    {
        var items = new List<YamlTreeNode>();
        long size = 1;
        OpenFlow(start.Style == SequenceStyle.Flow, start.Start);
        SequenceEnd? end;
        while (!_parser.Accept<SequenceEnd>(out end))
        {
            YamlTreeNode item = ReadNode(depth + 1);
            size = AddSize(size, item, _lastRead);
            items.Add(item);
        }

        _parser.MoveNext();
        CloseFlow(start.Style == SequenceStyle.Flow);
        SourceSpan? last = items.Count > 0 ? items[items.Count - 1].Span : null;
        return new YamlTreeSequence(Enclose(start.Start, start.Style == SequenceStyle.Flow, end.End, last), items) { ExpandedSize = size };
    }

    private YamlTreeMapping ReadMapping(MappingStart start, int depth)
    {
        var entries = new List<KeyValuePair<YamlTreeScalar, YamlTreeNode>>();

        // Most mappings (a stage's fields) are small: a scan finds a duplicate key faster than a dictionary is built.
        Dictionary<string, YamlTreeScalar>? seen = null;
        long size = 1;
        OpenFlow(start.Style == MappingStyle.Flow, start.Start);
        MappingEnd? end;
        while (!_parser.Accept<MappingEnd>(out end))
        {
            ParsingEvent keyEvent = _parser.Current ?? throw new AbortReadingException();
            YamlTreeNode key = ReadNode(depth + 1);
            size = AddSize(size, key, _lastRead);
            YamlTreeNode value = ReadNode(depth + 1);
            size = AddSize(size, value, _lastRead);
            if (key is not YamlTreeScalar scalarKey)
            {
                Report(RuleIds.WrongShape, ToSpan(keyEvent.Start, keyEvent.End), "a mapping key", "a plain name", key.KindName);
                continue;
            }

            if (FindKey(entries, ref seen, scalarKey.Value) is { } first)
            {
                Report(RuleIds.DuplicateKey, scalarKey.Span, scalarKey.Value, (first.Span.StartLine + 1).ToString(CultureInfo.InvariantCulture));
                continue;
            }

            seen?.Add(scalarKey.Value, scalarKey);
            entries.Add(new KeyValuePair<YamlTreeScalar, YamlTreeNode>(scalarKey, value));
        }

        _parser.MoveNext();
        CloseFlow(start.Style == MappingStyle.Flow);
        SourceSpan? last = entries.Count > 0 ? entries[entries.Count - 1].Value.Span : null;
        return new YamlTreeMapping(Enclose(start.Start, start.Style == MappingStyle.Flow, end.End, last), entries) { ExpandedSize = size };
    }

    private const int ScanLimit = 8;

    /// <summary>The earlier key named <paramref name="key"/>, if any; switches to a dictionary once the mapping is large.</summary>
    private static YamlTreeScalar? FindKey(List<KeyValuePair<YamlTreeScalar, YamlTreeNode>> entries, ref Dictionary<string, YamlTreeScalar>? seen, string key)
    {
        if (seen is null && entries.Count >= ScanLimit)
        {
            seen = new Dictionary<string, YamlTreeScalar>(StringComparer.Ordinal);
            foreach (KeyValuePair<YamlTreeScalar, YamlTreeNode> entry in entries)
            {
                seen.Add(entry.Key.Value, entry.Key);
            }
        }

        if (seen is not null)
        {
            return seen.TryGetValue(key, out YamlTreeScalar? found) ? found : null;
        }

        foreach (KeyValuePair<YamlTreeScalar, YamlTreeNode> entry in entries)
        {
            if (string.Equals(entry.Key.Value, key, StringComparison.Ordinal))
            {
                return entry.Key;
            }
        }

        return null;
    }

    private long AddSize(long size, YamlTreeNode child, SourceSpan where)
    {
        long total = size + child.ExpandedSize;
        if (total > MaxExpandedNodes)
        {
            Report(RuleIds.AliasExpansion, where, MaxExpandedNodes.ToString(CultureInfo.InvariantCulture));
            throw new AbortReadingException();
        }

        return total;
    }

    private void OpenFlow(bool isFlow, Mark start)
    {
        if (isFlow)
        {
            // The mark already knows the line and column; scanning the text for them would make reading quadratic.
            SourceSpan at = ToSpan(start, start);
            _openFlows.Push(at with { Length = Math.Min(1, _text.Length - at.Start), EndColumn = at.StartColumn + 1 });
        }
    }

    private void CloseFlow(bool isFlow)
    {
        if (isFlow)
        {
            _openFlows.Pop();
        }
    }

    private YamlTreeNode Anchor(AnchorName anchor, YamlTreeNode node)
    {
        _lastRead = node.Span;
        if (!anchor.IsEmpty)
        {
            _anchors[anchor.Value] = node;
        }

        return node;
    }

    /// <summary>
    /// The location of a YAML error. YamlDotNet reports some errors (a tab in indentation) without a position; those
    /// are placed on the character at fault.
    /// </summary>
    private SourceSpan Locate(YamlException ex)
    {
        if (ex.Start.Line > 1 || ex.Start.Column > 1 || ex.Start.Index > 0)
        {
            return ToSpan(ex.Start, ex.End);
        }

        int tab = IndentationTab(_text);
        return tab >= 0 ? SpanOfChar(_text, tab) : ToSpan(ex.Start, ex.End);
    }

    private static int IndentationTab(string text)
    {
        bool atLineStart = true;
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (c == '\n')
            {
                atLineStart = true;
            }
            else if (atLineStart && c == '\t')
            {
                return i;
            }
            else if (c != ' ')
            {
                atLineStart = false;
            }
        }

        return -1;
    }

    /// <summary>
    /// A scalar's span without its anchor (<c>&amp;name</c>) and tag (<c>!tag</c>): YamlDotNet starts the event there, but a
    /// diagnostic, a fix or a rename is about the value, and must leave the anchor and the tag as they are.
    /// </summary>
    private SourceSpan SkipProperties(SourceSpan span)
    {
        int at = span.Start;
        int line = span.StartLine;
        int column = span.StartColumn;
        int end = Math.Min(span.End, _text.Length);
        while (at < end && _text[at] is '&' or '!')
        {
            while (at < end && !char.IsWhiteSpace(_text[at]))
            {
                at++;
                column++;
            }

            while (at < end && char.IsWhiteSpace(_text[at]))
            {
                (line, column) = _text[at] == '\n' ? (line + 1, 0) : (line, column + 1);
                at++;
            }
        }

        return at == span.Start ? span : new SourceSpan(at, span.End - at, line, column, span.EndLine, span.EndColumn);
    }

    /// <summary>The one-character span at <paramref name="index"/>.</summary>
    internal static SourceSpan SpanOfChar(string text, int index)
    {
        int line = 0;
        int lineStart = 0;
        for (int i = 0; i < index; i++)
        {
            if (text[i] == '\n')
            {
                line++;
                lineStart = i + 1;
            }
        }

        return new SourceSpan(index, 1, line, index - lineStart, line, index - lineStart + 1);
    }

    private void Expect<T>()
        where T : ParsingEvent
    {
        if (_parser.Current is null)
        {
            _parser.MoveNext();
        }

        ParsingEvent? current = _parser.Current;
        if (current is not T)
        {
            Mark mark = current?.Start ?? Mark.Empty;
            throw new SemanticErrorException(mark, current?.End ?? mark, $"Expected {typeof(T).Name}, found {current?.GetType().Name ?? "end of file"}.");
        }

        _parser.MoveNext();
    }

    private void Report(string id, SourceSpan span, params string[] arguments) =>
        _problems.Add(new WorkflowProblem(id, span, arguments.ToEquatableArray()));

    /// <summary>
    /// A flow collection ends at its closing bracket; a block collection at its last child, because YamlDotNet places
    /// the end of a block at the next token, often lines later.
    /// </summary>
    private static SourceSpan Enclose(Mark start, bool isFlow, Mark end, SourceSpan? lastChild)
    {
        if (isFlow || lastChild is not { } last)
        {
            return ToSpan(start, isFlow ? end : start);
        }

        SourceSpan first = ToSpan(start, start);
        return new SourceSpan(first.Start, Math.Max(0, last.End - first.Start), first.StartLine, first.StartColumn, last.EndLine, last.EndColumn);
    }

    /// <summary>Converts YamlDotNet's one-based marks to a zero-based span.</summary>
    internal static SourceSpan ToSpan(Mark start, Mark end)
    {
        int startLine = (int)Math.Max(0, start.Line - 1);
        int startColumn = (int)Math.Max(0, start.Column - 1);
        int endLine = (int)Math.Max(startLine, end.Line - 1);
        int endColumn = (int)(endLine == startLine ? Math.Max(startColumn, end.Column - 1) : Math.Max(0, end.Column - 1));
        int startIndex = (int)Math.Max(0, start.Index);
        int endIndex = (int)Math.Max(startIndex, end.Index);
        return new SourceSpan(startIndex, endIndex - startIndex, startLine, startColumn, endLine, endColumn);
    }

    /// <summary>Strips YamlDotNet's "(Line: x, Col: y, Idx: z) - (...): " prefix; the location is reported separately.</summary>
    private static string Describe(YamlException ex)
    {
        string message = ex.Message;
        int separator = message.IndexOf("): ", StringComparison.Ordinal);
        return message.StartsWith("(", StringComparison.Ordinal) && separator >= 0 ? message.Substring(separator + 3) : message;
    }

    /// <summary>Stops reading after a problem that makes the rest of the document meaningless; the problem is already reported.</summary>
    private sealed class AbortReadingException : Exception
    {
    }
}
