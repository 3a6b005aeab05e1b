using System;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using TeamBot.Tests.Support;
using Xunit.Abstractions;

namespace TeamBot.LanguageServer.Tests;

/// <summary>
/// The server never fails on any input, as the analyzer is fuzzed: random incremental edits of the repo's stages.yaml
/// (YAML punctuation, names, control and non-ASCII characters, line breaks of every kind, ranges past the end), each
/// followed by every request at random positions. After every edit the server's text must equal the client's, a
/// diagnostics list must come for that version, and every request must be answered without an error.
/// </summary>
public sealed class LanguageServerFuzzTests(ITestOutputHelper output)
{
    private const string Uri = "file:///fuzz/stages.yaml";

    private static readonly string[] Pieces =
    [
        "", " ", "  ", "\n", "\r\n", "\r", "\t", ":", ": ", "- ", "[", "]", "{", "}", ",", "#", "&a ", "*a", "!!str ", "|", ">", "'", "\"", "\\", "%",
        "@", "`", "?", "~", "null", "true", "42", "-1", "99999999999", "SPEC", "SPEC_REVIEW", "TEST_STRATEGYY", "RESEARCH", "stages", "stage_order",
        "parallel_groups:", "parallel_group:", "work_to_review_mapping", "max_iteratons: 2", "after: ", "before: ", "work_agent: ", "permissions:\n      tools: [",
        "é", "日本", "\u202E", "\u0000", "\uFFFD", "\U0001F600", "../../etc/passwd", new string('x', 300), "    stages: [RESEARCH, ",
    ];

    [Fact]
    public async Task Random_edits_and_requests_never_break_the_server()
    {
        int sessions = FuzzLog.Cases(60);
        const int editsPerSession = 20;
        int requests = 0;
        int problems = 0;
        for (int session = 0; session < sessions; session++)
        {
            var random = new Random(session);
            await using InProcessServer server = await InProcessServer.StartAsync();
            string text = Lsp.RepoStages;
            await server.Client.NotifyAsync("textDocument/didOpen", Lsp.Open(Uri, text));
            await ExpectDiagnosticsAsync(server, 1);
            for (int version = 2; version < editsPerSession + 2; version++)
            {
                (JsonObject range, string piece, bool valid) = RandomEdit(random, text);
                await server.Client.NotifyAsync("textDocument/didChange", Lsp.Change(Uri, version, range, piece));
                problems += await ExpectDiagnosticsAsync(server, version);
                if (valid)
                {
                    text = Lsp.ApplyEdits(text, new JsonArray(new JsonObject { ["range"] = range.DeepClone(), ["newText"] = piece }));
                    string served = Assert.Single(server.Documents(), document => document.Uri == Uri).Text;
                    Assert.True(text == served, $"Session {session}, version {version}: the server's text differs from the client's after replacing {range.ToJsonString()} with {JsonValue.Create(piece).ToJsonString()}; first difference at {FirstDifference(text, served)}: client {JsonValue.Create(text.Substring(FirstDifference(text, served), Math.Min(6, text.Length - FirstDifference(text, served)))).ToJsonString()}, server {JsonValue.Create(served.Substring(FirstDifference(text, served), Math.Min(6, served.Length - FirstDifference(text, served)))).ToJsonString()}.");
                }
                else
                {
                    // A range past the end is clamped by the server; resynchronize with the whole text.
                    text = Assert.Single(server.Documents(), document => document.Uri == Uri).Text;
                }

                requests += await RequestEverythingAsync(server, random, text, session, version);
            }
        }

        FuzzLog.Write(output, "language server", string.Create(CultureInfo.InvariantCulture, $"{sessions} sessions x {editsPerSession} random edits of stages.yaml, {requests} requests, {problems} diagnostics published: no error answer, server text always in sync"));
    }

    [Fact]
    public async Task Params_of_the_wrong_shape_get_an_answer_and_the_server_goes_on()
    {
        await using InProcessServer server = await InProcessServer.StartAsync();
        JsonNode?[] wrong = [null, new JsonArray(1, 2), new JsonObject(), new JsonObject { ["textDocument"] = 5 }, new JsonObject { ["textDocument"] = new JsonObject { ["uri"] = Uri }, ["position"] = "here" }, new JsonObject { ["textDocument"] = new JsonObject { ["uri"] = Uri }, ["position"] = new JsonObject { ["line"] = -5, ["character"] = int.MaxValue } }];
        foreach (string method in new[] { "textDocument/completion", "textDocument/hover", "textDocument/definition", "textDocument/references", "textDocument/rename", "textDocument/prepareRename", "textDocument/documentSymbol", "textDocument/codeAction" })
        {
            foreach (JsonNode? parameters in wrong)
            {
                JsonObject answer = await server.Client.RequestRawAsync(method, parameters);
                Assert.True(answer.ContainsKey("result") || answer.ContainsKey("error"), $"{method} gave no answer.");
            }
        }

        foreach (JsonNode? parameters in wrong)
        {
            await server.Client.NotifyAsync("textDocument/didChange", parameters);
            await server.Client.NotifyAsync("textDocument/didOpen", parameters);
        }

        const string other = "file:///fuzz/other.stages.yaml";
        await server.Client.NotifyAsync("textDocument/didOpen", Lsp.Open(other, "stages: {}\n"));
        JsonNode published;
        do
        {
            published = await server.Client.NextNotificationAsync("textDocument/publishDiagnostics");
        }
        while ((string)published["uri"]! != other);

        Assert.Equal("TB0011", (string)published["diagnostics"]![0]!["code"]!);
        Assert.False(server.Running.IsCompleted);
    }

    [Fact]
    public async Task A_message_that_is_not_json_rpc_ends_the_session_with_exit_code_1_rather_than_hanging()
    {
        await using InProcessServer server = await InProcessServer.StartAsync();
        // Params must be an object or an array (JSON-RPC 2.0): a stream that carries anything else cannot be trusted.
        byte[] body = System.Text.Encoding.UTF8.GetBytes("{\"jsonrpc\":\"2.0\",\"id\":99,\"method\":\"textDocument/hover\",\"params\":42}");
        await server.Client.WriteRawAsync([.. System.Text.Encoding.ASCII.GetBytes($"Content-Length: {body.Length}\r\n\r\n"), .. body]);
        Assert.Equal(1, await server.Running.WaitAsync(TimeSpan.FromSeconds(30)));
    }

    /// <summary>An edit the server offers leaves a file that still reads as well as before: no new syntax or duplicate-key error.</summary>
    private static void CheckEdit(string text, JsonArray edits, string what)
    {
        var ranges = edits.Select(edit => (Start: Lsp.Offset(text, edit!["range"]!["start"]!), End: Lsp.Offset(text, edit!["range"]!["end"]!))).OrderBy(range => range.Start).ToList();
        for (int i = 1; i < ranges.Count; i++)
        {
            Assert.True(ranges[i].Start >= ranges[i - 1].End, $"{what}: its edits overlap.");
        }

        string[] before = Workflow.WorkflowAnalysis.Analyze(text).Problems.Select(problem => problem.Id).ToArray();
        string[] after = Workflow.WorkflowAnalysis.Analyze(Lsp.ApplyEdits(text, edits)).Problems.Select(problem => problem.Id).ToArray();
        foreach (string id in new[] { "TB0001", "TB0002" })
        {
            Assert.True(after.Count(problem => problem == id) <= before.Count(problem => problem == id), $"{what}: it adds {id}.");
        }
    }

    private static int FirstDifference(string a, string b)
    {
        int i = 0;
        while (i < a.Length && i < b.Length && a[i] == b[i])
        {
            i++;
        }

        return i;
    }

    private static async Task<int> ExpectDiagnosticsAsync(InProcessServer server, int version)
    {
        JsonNode published = await server.Client.NextNotificationAsync("textDocument/publishDiagnostics");
        Assert.Equal(version, (int)published["version"]!);
        JsonArray diagnostics = published["diagnostics"]!.AsArray();
        Assert.All(diagnostics, diagnostic => Assert.Matches("^TB[0-9]{4}$", (string)diagnostic!["code"]!));
        return diagnostics.Count;
    }

    private static async Task<int> RequestEverythingAsync(InProcessServer server, Random random, string text, int session, int version)
    {
        JsonObject At() => RandomPosition(random, text, allowPastEnd: random.Next(10) == 0);
        string context = $"session {session}, version {version}";
        (string Method, JsonObject Params)[] requests =
        [
            ("textDocument/completion", Lsp.AtPosition(Uri, At())),
            ("textDocument/hover", Lsp.AtPosition(Uri, At())),
            ("textDocument/definition", Lsp.AtPosition(Uri, At())),
            ("textDocument/references", new JsonObject { ["textDocument"] = new JsonObject { ["uri"] = Uri }, ["position"] = At(), ["context"] = new JsonObject { ["includeDeclaration"] = random.Next(2) == 0 } }),
            ("textDocument/prepareRename", Lsp.AtPosition(Uri, At())),
            ("textDocument/rename", new JsonObject { ["textDocument"] = new JsonObject { ["uri"] = Uri }, ["position"] = At(), ["newName"] = Pieces[random.Next(Pieces.Length)] }),
            ("textDocument/documentSymbol", new JsonObject { ["textDocument"] = new JsonObject { ["uri"] = Uri } }),
            ("textDocument/codeAction", new JsonObject { ["textDocument"] = new JsonObject { ["uri"] = Uri }, ["range"] = Lsp.Range(At(), At()) }),
        ];
        foreach ((string method, JsonObject parameters) in requests)
        {
            JsonObject answer = await server.Client.RequestRawAsync(method, parameters);
            if (method == "textDocument/rename" && answer["error"] is { } refused)
            {
                // Rename refuses a name the rules would reject (RequestFailed), with the reason; nothing else may fail.
                Assert.Equal(-32803, (int)refused["code"]!);
                continue;
            }

            Assert.False(answer.ContainsKey("error"), $"{context}: {method} at {parameters.ToJsonString()} answered {answer["error"]?.ToJsonString()}");
            if (method == "textDocument/codeAction")
            {
                foreach (JsonNode? action in answer["result"]!.AsArray())
                {
                    CheckEdit(text, action!["edit"]!["changes"]![Uri]!.AsArray(), $"{context}: code action '{action["title"]}'");
                }
            }
            else if (method == "textDocument/rename" && answer["result"] is JsonObject rename)
            {
                CheckEdit(text, rename["changes"]![Uri]!.AsArray(), $"{context}: rename to {parameters["newName"]!.ToJsonString()}");
            }
        }

        return requests.Length;
    }

    private static (JsonObject Range, string Piece, bool Valid) RandomEdit(Random random, string text)
    {
        bool pastEnd = random.Next(15) == 0;
        JsonObject start = RandomPosition(random, text, pastEnd);
        JsonObject end = random.Next(3) == 0 ? (JsonObject)start.DeepClone() : RandomPosition(random, text, pastEnd);
        if (!pastEnd && Lsp.Offset(text, end) < Lsp.Offset(text, start))
        {
            (start, end) = (end, start);
        }

        var piece = new StringBuilder();
        for (int i = random.Next(4); i >= 0; i--)
        {
            piece.Append(Pieces[random.Next(Pieces.Length)]);
        }

        return (Lsp.Range(start, end), piece.ToString(), !pastEnd);
    }

    /// <summary>A position on a line of the text, inside it; or, with <paramref name="allowPastEnd"/>, past a line's end or the last line.</summary>
    private static JsonObject RandomPosition(Random random, string text, bool allowPastEnd)
    {
        if (allowPastEnd)
        {
            return Lsp.Position(random.Next(text.Split('\n').Length + 3), random.Next(400));
        }

        // Between the two characters of a "\r\n" there is no position.
        int offset = random.Next(text.Length + 1);
        while (offset > 0 && offset < text.Length && text[offset - 1] == '\r' && text[offset] == '\n')
        {
            offset--;
        }

        return Lsp.PositionAt(text, offset);
    }
}
