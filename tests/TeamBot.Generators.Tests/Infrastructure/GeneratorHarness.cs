using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using TeamBot.Definitions;
using TeamBot.Tests.Support;

namespace TeamBot.Generators.Tests.Infrastructure;

/// <summary>Runs <see cref="WorkflowGenerator"/> on in-memory workflow files, as the compiler would.</summary>
internal static class GeneratorHarness
{
    public const string RootNamespace = "Tests";

    private static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.CSharp12);

    private static readonly Lazy<ImmutableArray<MetadataReference>> References = new(() =>
    {
        return TestSupport.PlatformAssemblies
            .Append(typeof(IWorkflowDefinition<>).Assembly.Location)
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))
            .ToImmutableArray();
    });

    /// <summary>A compilation that contains one ordinary C# file, like a user's project.</summary>
    public static CSharpCompilation CreateCompilation(string source = "namespace Tests { internal static class Program { private static void Main() { } } }") =>
        CSharpCompilation.Create(
            "Tests",
            [CSharpSyntaxTree.ParseText(source, ParseOptions, path: "Program.cs")],
            References.Value,
            new CSharpCompilationOptions(OutputKind.ConsoleApplication, nullableContextOptions: NullableContextOptions.Enable, generalDiagnosticOption: ReportDiagnostic.Error));

    /// <param name="files">The additional files.</param>
    /// <param name="metadata">Item metadata by file path.</param>
    /// <param name="properties">MSBuild properties by name, beside <c>RootNamespace</c>, as <c>build_property.*</c> global options.</param>
    public static GeneratorDriver CreateDriver(IEnumerable<AdditionalText> files, Dictionary<string, Dictionary<string, string>>? metadata = null, Dictionary<string, string>? properties = null)
    {
        var global = new Dictionary<string, string> { ["build_property.RootNamespace"] = RootNamespace };
        foreach (KeyValuePair<string, string> property in properties ?? [])
        {
            global["build_property." + property.Key] = property.Value;
        }

        return CSharpGeneratorDriver.Create(
            [new WorkflowGenerator().AsSourceGenerator()],
            files,
            ParseOptions,
            new TestOptionsProvider(global, metadata ?? []),
            new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));
    }

    /// <summary>Runs the generator once on the given files.</summary>
    public static GeneratorRun Run(params (string Path, string Text)[] files) =>
        Run(files.Select(file => (AdditionalText)new InMemoryAdditionalText(file.Path, file.Text)), null);

    /// <summary>Runs the generator once on the given files, in a project whose only C# file is <paramref name="program"/>.</summary>
    public static GeneratorRun RunWithProgram(string program, params (string Path, string Text)[] files) =>
        Run(files.Select(file => (AdditionalText)new InMemoryAdditionalText(file.Path, file.Text)), null, program: program);

    public static GeneratorRun Run(IEnumerable<AdditionalText> files, Dictionary<string, Dictionary<string, string>>? metadata, Dictionary<string, string>? properties = null, string? program = null)
    {
        CSharpCompilation input = program is null ? CreateCompilation() : CreateCompilation(program);
        GeneratorDriver driver = CreateDriver(files, metadata, properties).RunGeneratorsAndUpdateCompilation(input, out Compilation output, out ImmutableArray<Diagnostic> diagnostics);
        return new GeneratorRun(driver.GetRunResult(), (CSharpCompilation)output, diagnostics);
    }
}

/// <summary>What one generator run produced.</summary>
internal sealed record GeneratorRun(GeneratorDriverRunResult Result, CSharpCompilation Output, ImmutableArray<Diagnostic> Diagnostics)
{
    public GeneratorRunResult Generator => Result.Results.Single();

    public IReadOnlyList<GeneratedSourceResult> Sources => Generator.GeneratedSources;

    /// <summary>The generated workflows, without the stand-ins emitted for workflow files with errors.</summary>
    public IReadOnlyList<GeneratedSourceResult> Workflows => Sources.Where(source => !IsStub(source)).ToList();

    /// <summary>The stand-ins emitted for workflow files with errors.</summary>
    public IReadOnlyList<GeneratedSourceResult> Stubs => Sources.Where(IsStub).ToList();

    private static bool IsStub(GeneratedSourceResult source) => source.HintName.EndsWith(".Stub.g.cs", StringComparison.Ordinal);

    /// <summary>The compiler's errors and warnings for the user's code plus everything generated.</summary>
    public IReadOnlyList<Diagnostic> CompileDiagnostics =>
        Output.GetDiagnostics().Where(diagnostic => diagnostic.Severity >= DiagnosticSeverity.Warning).ToList();
}
