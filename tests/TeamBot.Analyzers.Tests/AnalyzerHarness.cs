using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Testing;
using TeamBot.Tests.Support;

namespace TeamBot.Analyzers.Tests;

/// <summary>
/// Runs <see cref="WorkflowFileAnalyzer"/> through Roslyn's analyzer test framework with the workflow as an additional
/// file. Markup is off, because <c>{|...|}</c> is also YAML flow syntax: locations are given explicitly.
/// </summary>
internal static class AnalyzerHarness
{
    public const string WorkflowPath = "/project/stages.yaml";

    private static readonly Lazy<MetadataReference[]> PlatformReferences = new(() =>
        TestSupport.PlatformAssemblies.Select(path => (MetadataReference)MetadataReference.CreateFromFile(path)).ToArray());

    public static Task VerifyAsync(string yaml, params DiagnosticResult[] expected) =>
        VerifyAsync(yaml, [], null, expected);

    public static Task VerifyAsync(string yaml, (string Path, string Text)[] otherFiles, string? editorConfig, params DiagnosticResult[] expected) =>
        VerifyAsync(yaml, otherFiles, editorConfig, [], expected);

    /// <summary>Verifies with MSBuild properties passed as the SDK passes them: <c>build_property.*</c> in a global config.</summary>
    public static Task VerifyWithPropertiesAsync(string yaml, (string Path, string Text)[] otherFiles, (string Name, string Value)[] properties, params DiagnosticResult[] expected) =>
        VerifyAsync(yaml, otherFiles, null, properties, expected);

    private static async Task VerifyAsync(string yaml, (string Path, string Text)[] otherFiles, string? editorConfig, (string Name, string Value)[] properties, DiagnosticResult[] expected)
    {
        var test = new CSharpAnalyzerTest<WorkflowFileAnalyzer, DefaultVerifier>
        {
            // The running .NET's assemblies: the framework's default would download reference packs at test time.
            ReferenceAssemblies = new ReferenceAssemblies("net10.0"),
            TestState =
            {
                Sources = { "internal static class Program { }" },
                AdditionalFiles = { (WorkflowPath, yaml) },
                MarkupHandling = MarkupMode.None,
            },
        };
        test.TestState.AdditionalReferences.AddRange(PlatformReferences.Value);
        foreach ((string path, string text) in otherFiles)
        {
            test.TestState.AdditionalFiles.Add((path, text));
        }

        if (editorConfig is not null)
        {
            test.TestState.AnalyzerConfigFiles.Add(("/.editorconfig", "root = true\n" + editorConfig));
        }

        if (properties.Length > 0)
        {
            string values = string.Concat(properties.Select(property => $"build_property.{property.Name} = {property.Value}\n"));
            test.TestState.AnalyzerConfigFiles.Add(("/.globalconfig", "is_global = true\n" + values));
        }

        test.ExpectedDiagnostics.AddRange(expected);
        await test.RunAsync();
    }

    /// <summary>
    /// The diagnostic <paramref name="descriptor"/> reports on <paramref name="token"/>, found inside the text
    /// <paramref name="within"/> (or on its own), which must occur exactly once in <paramref name="yaml"/>. Positions
    /// are computed from the text, never from the analyzer.
    /// </summary>
    public static DiagnosticResult At(DiagnosticDescriptor descriptor, string yaml, string token, string? within = null)
    {
        string context = within ?? token;
        int contextIndex = yaml.IndexOf(context, StringComparison.Ordinal);
        if (contextIndex < 0 || yaml.IndexOf(context, contextIndex + 1, StringComparison.Ordinal) >= 0)
        {
            throw new ArgumentException($"'{context}' must occur exactly once in the workflow.", nameof(within));
        }

        int offset = context.IndexOf(token, StringComparison.Ordinal);
        if (offset < 0)
        {
            throw new ArgumentException($"'{token}' is not in '{context}'.", nameof(token));
        }

        int index = contextIndex + offset;
        (int line, int column) = TestSupport.Position(yaml, index);
        (int endLine, int endColumn) = TestSupport.Position(yaml, index + token.Length);
        return new DiagnosticResult(descriptor).WithSpan(WorkflowPath, line, column, endLine, endColumn);
    }

    /// <summary>The diagnostic at an explicit one-based position.</summary>
    public static DiagnosticResult At(DiagnosticDescriptor descriptor, int line, int column, int endLine, int endColumn) =>
        new DiagnosticResult(descriptor).WithSpan(WorkflowPath, line, column, endLine, endColumn);
}
