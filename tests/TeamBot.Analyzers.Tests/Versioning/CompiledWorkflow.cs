using System;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.Loader;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Emit;
using TeamBot.Definitions;
using TeamBot.Generators;
using TeamBot.Tests.Support;

namespace TeamBot.Analyzers.Tests.Versioning;

/// <summary>
/// A workflow file and its versions file built the way a project builds them (the generator, then the C# compiler) and
/// loaded, so the test can run what the build produced. TB06xx errors are ignored here on purpose: the property test
/// runs rejected edits too, to show their runs really do not resume.
/// </summary>
internal static class CompiledWorkflow
{
    private static int s_count;

    /// <summary>The workflow's <c>Definition</c>, an <c>IWorkflowDefinition&lt;Stage&gt;</c> of a freshly compiled enum.</summary>
    public static object Load(string yaml, string versionsJson)
    {
        string name = "Migrated" + System.Threading.Interlocked.Increment(ref s_count).ToString(System.Globalization.CultureInfo.InvariantCulture);
        CSharpCompilation compilation = CSharpCompilation.Create(
            name,
            [CSharpSyntaxTree.ParseText("internal static class Program { }")],
            FuzzBuild.References.Value,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        ImmutableArray<AdditionalText> files = [new MemoryText("/project/stages.yaml", yaml), new MemoryText("/project/stages.versions.json", versionsJson)];
        CSharpGeneratorDriver.Create([new WorkflowGenerator().AsSourceGenerator()], files)
            .RunGeneratorsAndUpdateCompilation(compilation, out Compilation built, out ImmutableArray<Diagnostic> generatorDiagnostics);
        Assert.DoesNotContain(generatorDiagnostics, diagnostic => diagnostic.Severity == DiagnosticSeverity.Error && !diagnostic.Id.StartsWith("TB06", StringComparison.Ordinal));

        using var image = new MemoryStream();
        EmitResult emitted = built.Emit(image);
        Assert.True(emitted.Success, string.Join("\n", emitted.Diagnostics));
        image.Position = 0;
        Assembly assembly = new AssemblyLoadContext(name, isCollectible: true).LoadFromStream(image);
        return assembly.GetType("Workflow", throwOnError: true)!.GetProperty("Definition", BindingFlags.Public | BindingFlags.Static)!.GetValue(null)!;
    }
}
