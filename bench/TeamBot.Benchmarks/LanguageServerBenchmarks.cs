using System;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Nerdbank.Streams;
using TeamBot.Analyzers;
using TeamBot.LanguageServer;

namespace TeamBot.Benchmarks;

/// <summary>
/// What one keystroke-sized edit costs until the editor has the file's diagnostics: `teambot lsp` (didChange to
/// publishDiagnostics, in process), and the analyzer run by Roslyn on the edited text, as an IDE host runs it.
/// Each edit toggles a typo in a stage reference, so the diagnostics alternate between one TB0102 and none; every
/// invocation checks that it got exactly that, so only edits that were analyzed correctly are measured.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 10)]
public class LanguageServerBenchmarks
{
    private const string Uri = "file:///bench/stages.yaml";
    private WorkflowLanguageServer _server = null!;
    private Stream _serverSide = null!;
    private Stream _clientSide = null!;
    private Task<int> _running = null!;
    private LspFrames _lsp = null!;
    private CSharpCompilation _compilation = null!;
    private Edit _edit;
    private string _rangeJson = null!;
    private string _analyzerText = null!;
    private int _version;
    private bool _lspTypo;
    private bool _analyzerTypo;

    /// <summary>Gets or sets the workflow: the repo's 14 stages, or 300 stages with a 50-member group.</summary>
    [Params("repo", "300")]
    public string Workflow { get; set; } = "repo";

    [GlobalSetup]
    public void Setup() => SetupAsync().GetAwaiter().GetResult();

    [GlobalCleanup]
    public void Cleanup()
    {
        _server.Dispose();
        _clientSide.Dispose();
        _serverSide.Dispose();
        _running.Wait(TimeSpan.FromSeconds(10));
    }

    /// <summary>One incremental didChange, then the publishDiagnostics of that version.</summary>
    [Benchmark]
    public async Task<int> LspDidChangeToPublish()
    {
        _lspTypo = !_lspTypo;
        int version = ++_version;
        string text = _lspTypo ? _edit.Typo : _edit.Correct;
        await _lsp.SendAsync($$$"""{"jsonrpc":"2.0","method":"textDocument/didChange","params":{"textDocument":{"uri":"{{{Uri}}}","version":{{{version}}}},"contentChanges":[{"range":{{{_rangeJson}}},"text":"{{{text}}}"}]}}""");
        return await ExpectPublishAsync(version, _lspTypo ? 1 : 0);
    }

    /// <summary>The same edit applied to the text, then WorkflowFileAnalyzer run by Roslyn on it as an additional file.</summary>
    [Benchmark(Baseline = true)]
    public async Task<int> AnalyzerOnEditedText()
    {
        _analyzerTypo = !_analyzerTypo;
        string text = _analyzerTypo ? _edit.Typo : _edit.Correct;
        _analyzerText = string.Concat(_analyzerText.AsSpan(0, _edit.Offset), text, _analyzerText.AsSpan(_edit.Offset + text.Length));
        ImmutableArray<Diagnostic> diagnostics = await _compilation
            .WithAnalyzers([new WorkflowFileAnalyzer()], new AnalyzerOptions([new MemoryText("/bench/stages.yaml", _analyzerText)]))
            .GetAnalyzerDiagnosticsAsync(CancellationToken.None);
        int expected = _analyzerTypo ? 1 : 0;
        if (diagnostics.Length != expected || (expected == 1 && diagnostics[0].Id != "TB0102"))
        {
            throw new InvalidOperationException($"The analyzer reported {diagnostics.Length} diagnostics, expected {expected}: {string.Join("; ", diagnostics.Select(d => d.ToString()))}");
        }

        return diagnostics.Length;
    }

    private static Edit EditFor(string workflow, string yaml)
    {
        // The same length both ways, so one range serves for the typo and for putting it right.
        (string find, int at, string correct, string typo) = workflow == "repo"
            ? ("[RESEARCH, TEST_STRATEGY]", "[RESEARCH, ".Length, "TEST_STRATEGY", "TEST_STRATEGX")
            : ("\n      - STAGE_00175\n", "\n      - ".Length, "STAGE_00175", "STAGE_0017X");
        int found = yaml.IndexOf(find, StringComparison.Ordinal);
        return found < 0
            ? throw new InvalidOperationException($"'{find.Trim()}' is not in the {workflow} workflow.")
            : new Edit(found + at, correct, typo);
    }

    private static string Position(string text, int offset)
    {
        int line = 0;
        int lineStart = 0;
        for (int i = 0; i < offset; i++)
        {
            if (text[i] == '\n')
            {
                line++;
                lineStart = i + 1;
            }
        }

        return $$"""{"line":{{line}},"character":{{offset - lineStart}}}""";
    }

    private async Task SetupAsync()
    {
        string yaml = BenchInputs.Yaml(Workflow);
        _edit = EditFor(Workflow, yaml);
        _rangeJson = $$"""{"start":{{Position(yaml, _edit.Offset)}},"end":{{Position(yaml, _edit.Offset + _edit.Correct.Length)}}}""";
        _analyzerText = yaml;
        _compilation = CSharpCompilation.Create("Bench", [CSharpSyntaxTree.ParseText("class Program { static void Main() { } }")], [MetadataReference.CreateFromFile(typeof(object).Assembly.Location)]);

        (_serverSide, _clientSide) = FullDuplexStream.CreatePair();
        _server = new WorkflowLanguageServer(_serverSide, _serverSide);
        _running = _server.RunAsync();
        _lsp = new LspFrames(_clientSide, _clientSide);

        await _lsp.SendAsync("""{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"processId":null,"rootUri":null,"capabilities":{}}}""");
        using (JsonDocument answer = await _lsp.ReceiveAsync())
        {
            if (!answer.RootElement.TryGetProperty("result", out _))
            {
                throw new InvalidOperationException("initialize was not answered with a result: " + answer.RootElement.GetRawText());
            }
        }

        await _lsp.SendAsync("""{"jsonrpc":"2.0","method":"initialized","params":{}}""");
        _version = 1;
        await _lsp.SendAsync($$"""{"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":"{{Uri}}","languageId":"yaml","version":1,"text":{{JsonSerializer.Serialize(yaml)}}""" + "}}}");
        await ExpectPublishAsync(1, 0);
    }

    /// <summary>Reads until the publishDiagnostics for this document; it must be of <paramref name="version"/>, with <paramref name="expected"/> diagnostics.</summary>
    private async Task<int> ExpectPublishAsync(int version, int expected)
    {
        while (true)
        {
            using JsonDocument message = await _lsp.ReceiveAsync();
            JsonElement root = message.RootElement;
            if (!root.TryGetProperty("method", out JsonElement method) || method.GetString() != "textDocument/publishDiagnostics")
            {
                continue;
            }

            JsonElement parameters = root.GetProperty("params");
            if (parameters.GetProperty("uri").GetString() != Uri)
            {
                continue;
            }

            JsonElement diagnostics = parameters.GetProperty("diagnostics");
            int published = parameters.TryGetProperty("version", out JsonElement v) && v.ValueKind == JsonValueKind.Number ? v.GetInt32() : -1;
            int count = diagnostics.GetArrayLength();
            if (published != version || count != expected
                || (expected == 1 && diagnostics[0].GetProperty("code").GetString() != "TB0102"))
            {
                throw new InvalidOperationException($"Expected version {version} with {expected} diagnostics; the server published version {published}: {diagnostics.GetRawText()}");
            }

            return count;
        }
    }

    private readonly record struct Edit(int Offset, string Correct, string Typo);
}
