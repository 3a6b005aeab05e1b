using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using TeamBot.Definitions;
using TeamBot.Generators;
using TeamBot.Tests.Support;

namespace TeamBot.Analyzers.Tests;

/// <summary>
/// One build of a batch of fuzzed files, as a project would build them: the generator and the analyzer over one
/// compilation. Neither may crash; what they produced is returned for the campaign to judge.
/// </summary>
internal static class FuzzBuild
{
    /// <summary>The platform and the TeamBot runtime: what a project's code and its generated workflow compile against.</summary>
    internal static readonly Lazy<MetadataReference[]> References = new(() =>
        TestSupport.PlatformAssemblies
            .Append(typeof(IWorkflowDefinition<>).Assembly.Location)
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))
            .ToArray());

    public sealed record Result(GeneratorRunResult Run, Compilation WithGenerated, ImmutableArray<Diagnostic> GeneratorDiagnostics, ImmutableArray<Diagnostic> AnalyzerDiagnostics);

    public static async Task<Result> RunAsync(string assemblyName, ImmutableArray<AdditionalText> files)
    {
        CSharpCompilation compilation = CSharpCompilation.Create(
            assemblyName,
            [CSharpSyntaxTree.ParseText("internal static class Program { }")],
            References.Value,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

        GeneratorDriver driver = CSharpGeneratorDriver.Create([new WorkflowGenerator().AsSourceGenerator()], files)
            .RunGeneratorsAndUpdateCompilation(compilation, out Compilation withGenerated, out ImmutableArray<Diagnostic> generatorDiagnostics);
        GeneratorRunResult run = driver.GetRunResult().Results.Single();
        Assert.Null(run.Exception);
        Assert.DoesNotContain(generatorDiagnostics, diagnostic => diagnostic.Id is "CS8785" or "CS8784");

        var exceptions = new List<Exception>();
        var analyzers = new CompilationWithAnalyzers(
            compilation,
            [new WorkflowFileAnalyzer()],
            new CompilationWithAnalyzersOptions(new AnalyzerOptions(files), (ex, _, _) => exceptions.Add(ex), concurrentAnalysis: false, logAnalyzerExecutionTime: false));
        ImmutableArray<Diagnostic> analyzerDiagnostics = await analyzers.GetAnalyzerDiagnosticsAsync(CancellationToken.None);
        Assert.Empty(exceptions);
        Assert.DoesNotContain(analyzerDiagnostics, diagnostic => diagnostic.Id == "AD0001");
        return new Result(run, withGenerated, generatorDiagnostics, analyzerDiagnostics);
    }
}
