using System;
using System.IO;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using TeamBot.Workflow.Versioning;

namespace TeamBot.LanguageServer.Tests;

/// <summary>
/// The build's version gate in the editor: the "record as shipped" source action writes the versions file beside the
/// workflow, and from then on an edit that strands shipped runs shows TB0601 as it is typed, at the build's range.
/// </summary>
public sealed class VersionGateTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "teambot-lsp-versions-" + Guid.NewGuid().ToString("N"));

    public VersionGateTests() => Directory.CreateDirectory(_directory);

    [Fact]
    public async Task Recording_the_version_as_shipped_from_the_editor_makes_the_next_stranding_edit_an_error()
    {
        string path = Path.Combine(_directory, "stages.yaml");
        File.WriteAllText(path, Lsp.RepoStages);
        string uri = new Uri(path).AbsoluteUri;
        await using InProcessServer server = await InProcessServer.StartAsync();
        await server.Client.NotifyAsync("textDocument/didOpen", Lsp.Open(uri, Lsp.RepoStages));
        Assert.Empty((await server.Client.NextNotificationAsync("textDocument/publishDiagnostics"))["diagnostics"]!.AsArray());

        JsonNode action = Assert.Single(await ActionsAsync(server, uri))!;
        Assert.Equal("Record version 2ae069b94e4f as shipped in stages.versions.json", (string)action["title"]!);
        Assert.Equal("source", (string)action["kind"]!);
        JsonNode command = action["command"]!;
        Assert.Null(await server.Client.RequestAsync("workspace/executeCommand", new JsonObject { ["command"] = command["command"]!.DeepClone(), ["arguments"] = command["arguments"]!.DeepClone() }));
        Assert.Equal(ShippedVersionsFile.Write([], WorkflowShape.From(Workflow.WorkflowAnalysis.Analyze(Lsp.RepoStages).Document!)), File.ReadAllText(Path.Combine(_directory, "stages.versions.json")));
        Assert.Empty((await server.Client.NextNotificationAsync("textDocument/publishDiagnostics"))["diagnostics"]!.AsArray());
        Assert.Empty(await ActionsAsync(server, uri));

        string renamed = Lsp.RepoStages.Replace("  SETUP:\n", "  KICKOFF:\n", StringComparison.Ordinal).Replace("  - SETUP\n", "  - KICKOFF\n", StringComparison.Ordinal);
        await server.Client.NotifyAsync("textDocument/didChange", new JsonObject
        {
            ["textDocument"] = new JsonObject { ["uri"] = uri, ["version"] = 2 },
            ["contentChanges"] = new JsonArray(new JsonObject { ["text"] = renamed }),
        });
        JsonNode diagnostic = Assert.Single((await server.Client.NextNotificationAsync("textDocument/publishDiagnostics"))["diagnostics"]!.AsArray())!;
        Assert.Equal("TB0601", (string)diagnostic["code"]!);
        Assert.Equal(Lsp.RangeOf(renamed, "KICKOFF").ToJsonString(), diagnostic["range"]!.ToJsonString());
        Assert.StartsWith("Stage 'SETUP' of shipped version 2ae069b94e4f is gone", (string)diagnostic["message"]!, StringComparison.Ordinal);

        // The action is not offered for a version that strands runs, and the command refuses it with the reason.
        Assert.Empty(await ActionsAsync(server, uri));
        await Assert.ThrowsAnyAsync<Exception>(() => server.Client.RequestAsync("workspace/executeCommand", new JsonObject { ["command"] = "teambot.workflow.ship", ["arguments"] = new JsonArray(uri) }));
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static async Task<JsonArray> ActionsAsync(InProcessServer server, string uri) =>
        (await server.Client.RequestAsync("textDocument/codeAction", new JsonObject
        {
            ["textDocument"] = new JsonObject { ["uri"] = uri },
            ["range"] = new JsonObject { ["start"] = Lsp.Position(0, 0), ["end"] = Lsp.Position(0, 0) },
        }))!.AsArray();
}
