using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using TeamBot.Definitions;
using TeamBot.Generators;
using TeamBot.Tests.Support;
using TeamBot.Workflow;
using Xunit.Abstractions;

namespace TeamBot.Analyzers.Tests;

/// <summary>
/// Thousands of generated and mutated workflow files through the parser, the validator, the generator and the
/// analyzer: no exception escapes, and each file ends in either generated code that compiles or at least one TB error.
/// </summary>
public sealed class RobustnessTests(ITestOutputHelper output)
{
    private const int Seed = 20261124;
    private const int Count = 4000;
    private const int BatchSize = 400;

    [Fact]
    public async Task Mutated_workflows_never_crash_and_always_end_in_code_or_an_error()
    {
        string[] inputs = new WorkflowMutator(Seed).Generate(Seeds(), Count).ToArray();
        int generated = 0;
        int rejected = 0;
        for (int start = 0; start < inputs.Length; start += BatchSize)
        {
            (int ok, int errors) = await CheckBatchAsync(inputs.Skip(start).Take(BatchSize).ToArray(), start);
            generated += ok;
            rejected += errors;
        }

        output.WriteLine($"{inputs.Length} inputs (seed {Seed}): {generated} generated code, {rejected} rejected with TB errors.");
        Assert.Equal(inputs.Length, generated + rejected);
        Assert.True(generated > 0 && rejected > 0, "The mutations should give both valid and invalid files.");
    }

    private static async Task<(int Generated, int Rejected)> CheckBatchAsync(string[] texts, int offset)
    {
        // Named workflow files give each its own class, so one compilation can hold the whole batch.
        var files = texts.Select((text, i) => (AdditionalText)new MemoryText($"/fuzz/f{(offset + i).ToString("D5", CultureInfo.InvariantCulture)}.stages.yaml", text)).ToImmutableArray();
        foreach (string text in texts)
        {
            WorkflowAnalysis analysis = WorkflowAnalysis.Analyze(text);
            Assert.True(analysis.Document is not null || analysis.Problems.Count > 0, "A file without a document must have a problem.");
        }

        (GeneratorRunResult run, Compilation withGenerated, ImmutableArray<Diagnostic> generatorDiagnostics, ImmutableArray<Diagnostic> diagnostics) = await FuzzBuild.RunAsync("Fuzz", files);

        var errorsByFile = diagnostics.Where(diagnostic => diagnostic.Severity == DiagnosticSeverity.Error)
            .GroupBy(diagnostic => diagnostic.Location.GetLineSpan().Path)
            .ToDictionary(group => group.Key, group => group.Count());
        var generatedFiles = run.GeneratedSources.Select(source => source.HintName).ToHashSet();

        int generated = 0;
        int rejected = 0;
        for (int i = 0; i < files.Length; i++)
        {
            // f00042.stages.yaml becomes class F00042 in the global namespace.
            string hint = $"F{(offset + i).ToString("D5", CultureInfo.InvariantCulture)}.g.cs";
            bool hasErrors = errorsByFile.ContainsKey(files[i].Path);
            bool hasCode = generatedFiles.Contains(hint);
            Assert.True(hasErrors != hasCode, $"{files[i].Path}: errors={hasErrors}, code={hasCode}\n{texts[i]}");

            // A file with errors gets stand-in types instead, which must compile like the real ones (checked below).
            bool hasStub = generatedFiles.Contains(hint.Replace(".g.cs", ".Stub.g.cs", StringComparison.Ordinal));
            Assert.True(hasErrors == hasStub, $"{files[i].Path}: errors={hasErrors}, stub={hasStub}\n{texts[i]}");
            if (hasErrors)
            {
                // The generator reports exactly what the analyzer does, since in a build only the generator's are seen.
                Assert.Equal(Describe(diagnostics, files[i].Path), Describe(generatorDiagnostics, files[i].Path));
            }

            if (hasCode)
            {
                generated++;
            }
            else
            {
                rejected++;
            }
        }

        Diagnostic[] generatedCodeErrors = withGenerated.GetDiagnostics().Where(diagnostic => diagnostic.Severity == DiagnosticSeverity.Error).ToArray();
        Assert.True(generatedCodeErrors.Length == 0, string.Join("\n", generatedCodeErrors.Take(10)));
        return (generated, rejected);
    }

    private static string[] Describe(IEnumerable<Diagnostic> diagnostics, string path) =>
        diagnostics.Where(diagnostic => diagnostic.Location.GetLineSpan().Path == path)
            .Select(diagnostic => $"{diagnostic.Id} {diagnostic.Location.GetLineSpan().Span} {diagnostic.GetMessage(CultureInfo.InvariantCulture)}")
            .Order(StringComparer.Ordinal)
            .ToArray();

    private static string[] Seeds() =>
        [Workflows.Valid, File.ReadAllText(Path.Combine(TestSupport.RepoRoot, "stages.yaml")), LargeWorkflow.Create(40, 5)];
}
