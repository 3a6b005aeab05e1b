using System;
using System.IO;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading.Tasks;

namespace TeamBot.LanguageServer.Tests;

/// <summary>Prompt templates are looked up relative to the workflow file on disk, as the build resolves them.</summary>
public sealed class PromptTemplateTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("teambot-lsp-").FullName;

    [Fact]
    public async Task A_template_beside_the_file_is_found_and_a_missing_one_is_TB0501()
    {
        Directory.CreateDirectory(Path.Combine(_directory, "prompts"));
        File.WriteAllText(Path.Combine(_directory, "prompts", "spec.md"), "Write the spec.");
        string path = Path.Combine(_directory, "release.stages.yaml");
        string uri = new Uri(path).AbsoluteUri;
        string text = Lsp.RepoStages.Replace("  SPEC:\n", "  SPEC:\n    prompt_template: prompts/spec.md\n", StringComparison.Ordinal);
        Assert.NotEqual(Lsp.RepoStages, text);

        await using InProcessServer server = await InProcessServer.StartAsync();
        await server.Client.NotifyAsync("textDocument/didOpen", Lsp.Open(uri, text));
        Assert.Empty((await server.Client.NextNotificationAsync("textDocument/publishDiagnostics"))["diagnostics"]!.AsArray());

        string missing = text.Replace("prompts/spec.md", "prompts/plan.md", StringComparison.Ordinal);
        await server.Client.NotifyAsync("textDocument/didChange", new JsonObject
        {
            ["textDocument"] = new JsonObject { ["uri"] = uri, ["version"] = 2 },
            ["contentChanges"] = new JsonArray(new JsonObject { ["text"] = missing }),
        });
        JsonNode diagnostic = Assert.Single((await server.Client.NextNotificationAsync("textDocument/publishDiagnostics"))["diagnostics"]!.AsArray())!;
        Assert.Equal("TB0501", (string)diagnostic["code"]!);
        Assert.Equal(Lsp.RangeOf(missing, "prompts/plan.md").ToJsonString(), diagnostic["range"]!.ToJsonString());
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
