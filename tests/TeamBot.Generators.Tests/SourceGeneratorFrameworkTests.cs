using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Testing;
using Microsoft.CodeAnalysis.Text;
using TeamBot.Definitions;
using TeamBot.Generators.Tests.Infrastructure;
using TeamBot.Tests.Support;

namespace TeamBot.Generators.Tests;

/// <summary>
/// The same golden output checked through Roslyn's source generator test framework, which also compiles the result and
/// fails on any compiler diagnostic.
/// </summary>
public sealed class SourceGeneratorFrameworkTests
{
    [Theory]
    [InlineData("linear")]
    [InlineData("one-group")]
    public async Task Generator_test_framework_sees_the_golden_source_and_a_clean_compilation(string name)
    {
        var test = new CSharpSourceGeneratorTest<WorkflowGenerator, DefaultVerifier>
        {
            ReferenceAssemblies = new ReferenceAssemblies("net10.0"),
            TestState =
            {
                Sources = { "namespace Tests { public static class Marker { } }" },
                AdditionalFiles = { ("/project/stages.yaml", GoldenOutputTests.ReadInput(name)) },
                AnalyzerConfigFiles = { ("/.globalconfig", "is_global = true\nbuild_property.RootNamespace = Tests\n") },
                GeneratedSources =
                {
                    (typeof(WorkflowGenerator), "Tests.Workflow.g.cs", SourceText.From(File.ReadAllText(RepoPaths.Golden(name, "Workflow.g.cs")), System.Text.Encoding.UTF8)),
                },
            },
        };
        test.TestState.AdditionalReferences.AddRange(TestSupport.PlatformAssemblies.Select(path => MetadataReference.CreateFromFile(path)));
        test.TestState.AdditionalReferences.Add(MetadataReference.CreateFromFile(typeof(IWorkflowDefinition<>).Assembly.Location));

        await test.RunAsync();
    }
}
