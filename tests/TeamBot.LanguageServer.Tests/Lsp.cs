using System;
using System.IO;
using System.Linq;
using System.Text.Json.Nodes;
using TeamBot.Tests.Support;

namespace TeamBot.LanguageServer.Tests;

/// <summary>The protocol messages the tests send, and positions in a text.</summary>
internal static class Lsp
{
    public static string RepoStagesPath => Path.Combine(TestSupport.RepoRoot, "stages.yaml");

    public static string RepoStagesUri => new Uri(RepoStagesPath).AbsoluteUri;

    public static string RepoStages => File.ReadAllText(RepoStagesPath);

    public static JsonObject Initialize() => new() { ["processId"] = null, ["rootUri"] = null, ["capabilities"] = new JsonObject() };

    public static JsonObject Open(string uri, string text, int version = 1) => new()
    {
        ["textDocument"] = new JsonObject { ["uri"] = uri, ["languageId"] = "yaml", ["version"] = version, ["text"] = text },
    };

    /// <summary>An incremental change: the range replaced by <paramref name="newText"/>.</summary>
    public static JsonObject Change(string uri, int version, JsonObject range, string newText) => new()
    {
        ["textDocument"] = new JsonObject { ["uri"] = uri, ["version"] = version },
        ["contentChanges"] = new JsonArray(new JsonObject { ["range"] = range, ["text"] = newText }),
    };

    public static JsonObject AtPosition(string uri, JsonObject position) => new()
    {
        ["textDocument"] = new JsonObject { ["uri"] = uri },
        ["position"] = position,
    };

    public static JsonObject Position(int line, int character) => new() { ["line"] = line, ["character"] = character };

    public static JsonObject Range(JsonObject start, JsonObject end) => new() { ["start"] = start, ["end"] = end };

    /// <summary>The position of the <paramref name="occurrence"/>th <paramref name="find"/> in <paramref name="text"/>, plus <paramref name="delta"/> characters.</summary>
    public static JsonObject PositionOf(string text, string find, int delta = 0, int occurrence = 0)
    {
        int offset = -1;
        for (int i = 0; i <= occurrence; i++)
        {
            offset = text.IndexOf(find, offset + 1, StringComparison.Ordinal);
            Assert.True(offset >= 0, $"'{find}' is not in the text {occurrence + 1} times.");
        }

        return PositionAt(text, offset + delta);
    }

    /// <summary>The LSP position of an offset: lines end at "\r\n", "\r" or "\n", as the protocol counts them.</summary>
    public static JsonObject PositionAt(string text, int offset)
    {
        int line = 0;
        int lineStart = 0;
        for (int i = 0; i < offset; i++)
        {
            if (text[i] == '\n' || (text[i] == '\r' && (i + 1 >= text.Length || text[i + 1] != '\n')))
            {
                line++;
                lineStart = i + 1;
            }
        }

        return Position(line, offset - lineStart);
    }

    /// <summary>The range of the <paramref name="occurrence"/>th <paramref name="find"/>.</summary>
    public static JsonObject RangeOf(string text, string find, int occurrence = 0)
    {
        JsonObject start = PositionOf(text, find, 0, occurrence);
        JsonObject end = PositionOf(text, find, find.Length, occurrence);
        return Range(start, end);
    }

    /// <summary>Applies LSP text edits (in any order, none overlapping) to <paramref name="text"/>.</summary>
    public static string ApplyEdits(string text, JsonArray edits)
    {
        var offsets = edits.Select(edit => (Start: Offset(text, edit!["range"]!["start"]!), End: Offset(text, edit!["range"]!["end"]!), Text: (string)edit!["newText"]!))
            .OrderByDescending(edit => edit.Start)
            .ToList();
        foreach ((int start, int end, string newText) in offsets)
        {
            text = text[..start] + newText + text[end..];
        }

        return text;
    }

    /// <summary>The offset of an LSP position inside the text (no clamping: the tests give positions that exist).</summary>
    public static int Offset(string text, JsonNode position)
    {
        int line = (int)position["line"]!;
        int offset = 0;
        for (int i = 0; i < text.Length && line > 0; i++)
        {
            if (text[i] == '\n' || (text[i] == '\r' && (i + 1 >= text.Length || text[i + 1] != '\n')))
            {
                line--;
                offset = i + 1;
            }
        }

        return offset + (int)position["character"]!;
    }
}
