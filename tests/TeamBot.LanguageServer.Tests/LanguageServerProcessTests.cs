using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading.Tasks;

namespace TeamBot.LanguageServer.Tests;

/// <summary>
/// <c>teambot lsp</c> driven as an editor drives it: the real tool started as a child process, the protocol over its
/// stdin and stdout with Content-Length framing, the repo's own stages.yaml edited live.
/// </summary>
public sealed class LanguageServerProcessTests
{
    [Fact]
    public async Task The_tool_serves_diagnostics_completion_rename_and_fixes_over_stdio_and_exits_cleanly()
    {
        using Process server = StartTool();
        int exitCode;
        await using (var client = new LspClient(server.StandardInput.BaseStream, server.StandardOutput.BaseStream))
        {
            JsonNode? init = await client.RequestAsync("initialize", Lsp.Initialize());
            Assert.Equal(2, (int)init!["capabilities"]!["textDocumentSync"]!["change"]!);
            await client.NotifyAsync("initialized", new JsonObject());

            // A misspelt group member: TB0102 exactly on the name.
            string uri = Lsp.RepoStagesUri;
            string text = Lsp.RepoStages.Replace("stages: [RESEARCH, TEST_STRATEGY]", "stages: [RESEARCH, TEST_STRATEGYY]", StringComparison.Ordinal);
            Assert.NotEqual(Lsp.RepoStages, text);
            await client.NotifyAsync("textDocument/didOpen", Lsp.Open(uri, text));
            JsonNode published = await client.NextNotificationAsync("textDocument/publishDiagnostics");
            JsonNode diagnostic = Assert.Single(published["diagnostics"]!.AsArray())!;
            Assert.Equal("TB0102", (string)diagnostic["code"]!);
            Assert.Equal(1, (int)diagnostic["severity"]!);
            Assert.Equal(Lsp.RangeOf(text, "TEST_STRATEGYY").ToJsonString(), diagnostic["range"]!.ToJsonString());
            Assert.Equal("Parallel group 'post_spec_review' names unknown stage 'TEST_STRATEGYY'. Did you mean 'TEST_STRATEGY'?", (string)diagnostic["message"]!);
            Assert.EndsWith("docs/diagnostics/TB0102.md", (string)diagnostic["codeDescription"]!["href"]!, StringComparison.Ordinal);

            // The quick fix is the build's did-you-mean.
            JsonArray actions = (await client.RequestAsync("textDocument/codeAction", new JsonObject
            {
                ["textDocument"] = new JsonObject { ["uri"] = uri },
                ["range"] = diagnostic["range"]!.DeepClone(),
                ["context"] = new JsonObject { ["diagnostics"] = new JsonArray(diagnostic.DeepClone()) },
            }))!.AsArray();
            JsonNode action = Assert.Single(actions)!;
            Assert.Equal("Change to 'TEST_STRATEGY'", (string)action["title"]!);
            JsonArray edits = action["edit"]!["changes"]![uri]!.AsArray();
            Assert.Equal(Lsp.RepoStages, Lsp.ApplyEdits(text, edits));

            // Applying it as an editor does, an incremental change: no diagnostics.
            JsonNode edit = edits.Single()!;
            await client.NotifyAsync("textDocument/didChange", Lsp.Change(uri, 2, (JsonObject)edit["range"]!.DeepClone(), (string)edit["newText"]!));
            published = await client.NextNotificationAsync("textDocument/publishDiagnostics");
            Assert.Equal(2, (int)published["version"]!);
            Assert.Empty(published["diagnostics"]!.AsArray());
            text = Lsp.RepoStages;

            // Another change: a stage_order entry misspelt, a new error there.
            JsonObject orderEntry = Lsp.RangeOf(text, "- PLAN_REVIEW");
            await client.NotifyAsync("textDocument/didChange", Lsp.Change(uri, 3, orderEntry, "- PLAN_REVEIW"));
            text = Lsp.ApplyEdits(text, new JsonArray(new JsonObject { ["range"] = orderEntry.DeepClone(), ["newText"] = "- PLAN_REVEIW" }));
            published = await client.NextNotificationAsync("textDocument/publishDiagnostics");
            string[] codes = published["diagnostics"]!.AsArray().Select(d => (string)d!["code"]!).ToArray();
            Assert.Contains("TB0102", codes);
            Assert.Contains("TB0101", codes); // PLAN_REVIEW is now missing from stage_order.
            JsonNode orderProblem = published["diagnostics"]!.AsArray().First(d => (string)d!["code"]! == "TB0102")!;
            Assert.Equal(Lsp.RangeOf(text, "PLAN_REVEIW").ToJsonString(), orderProblem["range"]!.ToJsonString());

            // Back to the valid file, then completion after "stages: [" lists the stage keys.
            await client.NotifyAsync("textDocument/didChange", new JsonObject
            {
                ["textDocument"] = new JsonObject { ["uri"] = uri, ["version"] = 4 },
                ["contentChanges"] = new JsonArray(new JsonObject { ["text"] = Lsp.RepoStages }),
            });
            Assert.Empty((await client.NextNotificationAsync("textDocument/publishDiagnostics"))["diagnostics"]!.AsArray());
            text = Lsp.RepoStages;
            JsonNode? completion = await client.RequestAsync("textDocument/completion", Lsp.AtPosition(uri, Lsp.PositionOf(text, "stages: [RESEARCH", "stages: [".Length)));
            string[] labels = completion!["items"]!.AsArray().Select(item => (string)item!["label"]!).ToArray();
            Assert.Contains("RESEARCH", labels);
            Assert.Contains("TEST_STRATEGY", labels);
            Assert.Contains("IMPLEMENTATION", labels);
            Assert.DoesNotContain("SPEC_REVIEW", labels); // A review stage cannot be a group member (TB0206).

            // Rename SPEC_REVIEW: every place it is written, and nothing else.
            JsonNode? rename = await client.RequestAsync("textDocument/rename", new JsonObject
            {
                ["textDocument"] = new JsonObject { ["uri"] = uri },
                ["position"] = Lsp.PositionOf(text, "  SPEC_REVIEW:", 4),
                ["newName"] = "SPEC_SIGNOFF",
            });
            JsonArray renameEdits = rename!["changes"]![uri]!.AsArray();
            int written = CountWord(text, "SPEC_REVIEW");
            Assert.Equal(written, renameEdits.Count);
            string renamed = Lsp.ApplyEdits(text, renameEdits);
            Assert.Equal(0, CountWord(renamed, "SPEC_REVIEW"));
            Assert.Equal(written, CountWord(renamed, "SPEC_SIGNOFF"));
            await client.NotifyAsync("textDocument/didChange", new JsonObject
            {
                ["textDocument"] = new JsonObject { ["uri"] = uri, ["version"] = 5 },
                ["contentChanges"] = new JsonArray(new JsonObject { ["text"] = renamed }),
            });

            // The repo's stages.versions.json records SPEC_REVIEW as shipped: the rename strands its runs until declared.
            JsonNode stranded = Assert.Single((await client.NextNotificationAsync("textDocument/publishDiagnostics"))["diagnostics"]!.AsArray())!;
            Assert.Equal("TB0601", (string)stranded["code"]!);
            Assert.Equal(Lsp.RangeOf(renamed, "SPEC_SIGNOFF").ToJsonString(), stranded["range"]!.ToJsonString());
            await client.NotifyAsync("textDocument/didChange", new JsonObject
            {
                ["textDocument"] = new JsonObject { ["uri"] = uri, ["version"] = 6 },
                ["contentChanges"] = new JsonArray(new JsonObject { ["text"] = renamed + "migrations:\n  renamed:\n    SPEC_REVIEW: SPEC_SIGNOFF\n" }),
            });
            Assert.Empty((await client.NextNotificationAsync("textDocument/publishDiagnostics"))["diagnostics"]!.AsArray());

            Assert.Null(await client.RequestAsync("shutdown", null));
            await client.NotifyAsync("exit", null);
            await server.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
            exitCode = server.ExitCode;
        }

        Assert.Equal(0, exitCode);
    }

    /// <summary>Occurrences of <paramref name="word"/> not part of a longer name.</summary>
    private static int CountWord(string text, string word) =>
        System.Text.RegularExpressions.Regex.Count(text, $@"(?<![A-Za-z0-9_]){word}(?![A-Za-z0-9_])");

    private static Process StartTool()
    {
        string tool = Path.Combine(
            AppContext.BaseDirectory.Replace(
                $"{Path.DirectorySeparatorChar}tests{Path.DirectorySeparatorChar}TeamBot.LanguageServer.Tests{Path.DirectorySeparatorChar}",
                $"{Path.DirectorySeparatorChar}src{Path.DirectorySeparatorChar}TeamBot.Cli{Path.DirectorySeparatorChar}",
                StringComparison.Ordinal),
            "TeamBot.Cli.dll");
        Assert.True(File.Exists(tool), $"The tool is not built at {tool}.");
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = false,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(tool);
        start.ArgumentList.Add("lsp");
        return Process.Start(start)!;
    }
}
