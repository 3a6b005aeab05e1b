using System;
using System.Collections.Immutable;
using System.Threading;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using TeamBot.Analyzers;
using TeamBot.Generators;

namespace TeamBot.Benchmarks;

/// <summary>What compiling and checking a workflow costs in the build and the IDE.</summary>
[MemoryDiagnoser]
public class CompilerBenchmarks
{
    private static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.CSharp12);
    private CSharpCompilation _compilation = null!;
    private CSharpCompilation _edited = null!;
    private AdditionalText _workflow = null!;
    private AdditionalText _broken = null!;
    private GeneratorDriver _warm = null!;
    private string _generated = null!;

    /// <summary>Gets or sets the workflow: the repo's 14 stages, or 300 or 3000 stages with a 50-member group.</summary>
    [Params("repo", "300", "3000")]
    public string Workflow { get; set; } = "repo";

    [GlobalSetup]
    public void Setup()
    {
        string yaml = BenchInputs.Yaml(Workflow);
        _workflow = new MemoryText("/project/stages.yaml", yaml);
        _broken = new MemoryText("/project/stages.yaml", BenchInputs.WithErrors(yaml, 20));
        _compilation = CSharpCompilation.Create("Bench", [CSharpSyntaxTree.ParseText("class Program { static void Main() { } }", ParseOptions)], [MetadataReference.CreateFromFile(typeof(object).Assembly.Location)]);
        _edited = _compilation.ReplaceSyntaxTree(_compilation.SyntaxTrees[0], CSharpSyntaxTree.ParseText("class Program { static void Main() { int x = 1; } }", ParseOptions));
        _warm = Driver(_workflow).RunGenerators(_compilation);

        // A benchmark of a generator that failed, or emitted nothing, would measure nothing.
        GeneratorRunResult result = _warm.GetRunResult().Results[0];
        if (result.Exception is not null || result.GeneratedSources.Length != 1)
        {
            throw new InvalidOperationException($"The generator did not emit the workflow: {result.Exception}");
        }

        _generated = result.GeneratedSources[0].SourceText.ToString();
    }

    /// <summary>Parse, validate and emit, from a cold driver.</summary>
    [Benchmark]
    public GeneratorDriver GeneratorFullRun() => Driver(_workflow).RunGenerators(_compilation);

    /// <summary>What the generated file costs the compiler afterwards: parsing it, on every build.</summary>
    [Benchmark]
    public SyntaxTree GeneratedSourceParse() => CSharpSyntaxTree.ParseText(_generated, ParseOptions);

    /// <summary>An edit to an unrelated C# file with the driver reused: every step should come from the cache.</summary>
    [Benchmark]
    public GeneratorDriver GeneratorUnrelatedEdit() => _warm.RunGenerators(_edited);

    /// <summary>The analyzer's diagnostics for a valid file.</summary>
    [Benchmark]
    public Task<ImmutableArray<Diagnostic>> AnalyzerValid() => Analyze(_workflow);

    /// <summary>The analyzer's diagnostics for the same file with 20 errors.</summary>
    [Benchmark]
    public Task<ImmutableArray<Diagnostic>> Analyzer20Errors() => Analyze(_broken);

    private static CSharpGeneratorDriver Driver(AdditionalText file) =>
        CSharpGeneratorDriver.Create([new WorkflowGenerator().AsSourceGenerator()], [file], ParseOptions, driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: false));

    private Task<ImmutableArray<Diagnostic>> Analyze(AdditionalText file) =>
        new CompilationWithAnalyzers(_compilation, [new WorkflowFileAnalyzer()], new AnalyzerOptions([file])).GetAnalyzerDiagnosticsAsync(CancellationToken.None);
}
