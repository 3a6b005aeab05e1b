using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using TeamBot.Generators.Tests.Infrastructure;

namespace TeamBot.Generators.Tests;

/// <summary>
/// A workflow file with errors still generates its types, as stand-ins marked <c>[Obsolete(error: true)]</c> with the
/// first TB error, so that C# code using them gets that error (CS0619) rather than CS0246/CS0103 that say nothing of the
/// YAML. One CS0619 per generated type a line names: both the class and the enum are marked.
/// </summary>
public sealed class StubOutputTests
{
    private const string Program = """
        using TeamBot.Definitions;

        namespace Tests
        {
            internal static class Program
            {
                private static void Main()
                {
                    var definition = Workflow.Definition;
                    var stage = Stage.Plan;
                    var next = Workflow.Definition.GetNextStages(Stage.SpecReview);
                    string mermaid = Workflow.Mermaid;
                    Show(Workflow.Definition);
                    System.Console.WriteLine($"{definition}{stage}{next.Length}{mermaid}");
                }

                private static void Show<TStage>(IWorkflowDefinition<TStage> workflow)
                    where TStage : struct, System.Enum => System.Console.WriteLine(workflow.Name);
            }
        }
        """;

    /// <summary>The repo's stages.yaml with a parallel group member misspelt, as the README's example error.</summary>
    internal static string BrokenRepoWorkflow()
    {
        string yaml = GoldenOutputTests.ReadInput("repo");
        const string Members = "stages: [RESEARCH, TEST_STRATEGY]";
        Assert.Contains(Members, yaml, StringComparison.Ordinal);
        return yaml.Replace(Members, "stages: [RESEARCH, TEST_STRATEGYY]", StringComparison.Ordinal);
    }

    [Fact]
    public void The_stub_of_a_broken_workflow_matches_the_golden_file()
    {
        GeneratorRun run = GeneratorHarness.Run(("/project/stages.yaml", BrokenRepoWorkflow()));

        Assert.Null(run.Generator.Exception);
        Assert.Empty(run.Workflows);
        GeneratedSourceResult stub = Assert.Single(run.Stubs);
        Assert.Equal("Tests.Workflow.Stub.g.cs", stub.HintName);
        GoldenFile.AssertMatches(RepoPaths.Golden("repo-broken", "Workflow.Stub.g.cs"), stub.SourceText.ToString());
    }

    [Fact]
    public void Code_using_the_broken_workflow_gets_only_CS0619_with_the_first_TB_error_once_per_type_named()
    {
        GeneratorRun run = GeneratorHarness.RunWithProgram(Program, ("/project/stages.yaml", BrokenRepoWorkflow()));

        Diagnostic first = run.Diagnostics.Where(diagnostic => diagnostic.Severity == DiagnosticSeverity.Error)
            .OrderBy(diagnostic => diagnostic.Location.GetLineSpan().StartLinePosition).First();
        Assert.Equal("TB0102", first.Id);
        string expected = string.Create(
            CultureInfo.InvariantCulture,
            $"stages.yaml({first.Location.GetLineSpan().StartLinePosition.Line + 1},{first.Location.GetLineSpan().StartLinePosition.Character + 1}): error TB0102: {first.GetMessage(CultureInfo.InvariantCulture)}");
        Assert.StartsWith("stages.yaml(229,", expected, StringComparison.Ordinal);
        Assert.Single(run.Diagnostics, diagnostic => diagnostic.Severity == DiagnosticSeverity.Error);

        IReadOnlyList<Diagnostic> compile = run.CompileDiagnostics;
        Assert.All(compile, diagnostic =>
        {
            Assert.Equal("CS0619", diagnostic.Id);
            Assert.Equal("Program.cs", diagnostic.Location.GetLineSpan().Path);
            Assert.EndsWith($" is obsolete: '{expected} (fix stages.yaml to use these types)'", diagnostic.GetMessage(CultureInfo.InvariantCulture), StringComparison.Ordinal);
        });

        // Lines are zero-based: Workflow.Definition; Stage.Plan; Workflow and Stage; Workflow.Mermaid; Workflow passed on.
        var perLine = compile.GroupBy(diagnostic => diagnostic.Location.GetLineSpan().StartLinePosition.Line).ToDictionary(group => group.Key, group => group.Count());
        Assert.Equal(new Dictionary<int, int> { [8] = 1, [9] = 1, [10] = 2, [11] = 1, [12] = 1 }, perLine);
        Assert.Equal(
            ["Stage", "Stage", "Workflow", "Workflow", "Workflow", "Workflow"],
            compile.Select(diagnostic => diagnostic.Location.SourceTree!.GetText().ToString(diagnostic.Location.SourceSpan)).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Without_the_stub_the_same_code_gets_errors_that_say_nothing_of_the_YAML()
    {
        GeneratorRun run = GeneratorHarness.RunWithProgram(Program, ("/project/stages.yaml", BrokenRepoWorkflow()));
        CSharpCompilation withoutStub = run.Output.RemoveSyntaxTrees(run.Output.SyntaxTrees.Where(tree => tree.FilePath.EndsWith(".Stub.g.cs", StringComparison.Ordinal)));

        string[] ids = withoutStub.GetDiagnostics().Where(diagnostic => diagnostic.Severity == DiagnosticSeverity.Error).Select(diagnostic => diagnostic.Id).Distinct().Order(StringComparer.Ordinal).ToArray();

        Assert.Equal(["CS0103"], ids);
    }

    [Theory]
    [InlineData("stages: [unclosed")]
    [InlineData("")]
    [InlineData("a: &a [*a]")]
    public void YAML_that_does_not_parse_gives_a_stub_with_an_empty_enum_that_code_can_name(string yaml)
    {
        const string Uses = """
            namespace Tests
            {
                internal static class Program
                {
                    private static void Main() => System.Console.WriteLine(Workflow.Definition.GetStageName(default(Stage)));
                }
            }
            """;

        GeneratorRun run = GeneratorHarness.RunWithProgram(Uses, ("/project/stages.yaml", yaml));

        Assert.Null(run.Generator.Exception);
        string stub = Assert.Single(run.Stubs).SourceText.ToString();
        Assert.Contains("    public enum Stage\n    {\n    }\n", stub, StringComparison.Ordinal);
        Assert.Equal(["CS0619", "CS0619"], run.CompileDiagnostics.Select(diagnostic => diagnostic.Id));
        Assert.All(run.CompileDiagnostics, diagnostic => Assert.Contains(": error TB00", diagnostic.GetMessage(CultureInfo.InvariantCulture), StringComparison.Ordinal));
    }

    [Fact]
    public void Keys_that_give_no_identifier_or_one_already_taken_are_left_out_of_the_stub_enum()
    {
        const string Yaml = "stages:\n  SPEC_REVIEW: {work_agent: pm}\n  SpecReview: {work_agent: pm}\n  \"--\": {work_agent: pm}\n  PLAN: {work_agent: pm}\nstage_order: [SPEC_REVIEW, SpecReview, \"--\", PLAN]\n";

        GeneratorRun run = GeneratorHarness.Run(("/project/stages.yaml", Yaml));

        SyntaxTree tree = Assert.Single(run.Stubs).SyntaxTree;
        string[] members = tree.GetRoot().DescendantNodes().OfType<Microsoft.CodeAnalysis.CSharp.Syntax.EnumMemberDeclarationSyntax>().Select(member => member.Identifier.Text).ToArray();
        Assert.Equal(["SpecReview", "Plan"], members);
        Assert.Empty(run.CompileDiagnostics);
        Assert.Equal(2, run.Diagnostics.Count(diagnostic => diagnostic.Severity == DiagnosticSeverity.Error));
        Assert.Contains(
            "[global::System.Obsolete(\"stages.yaml(3,3): error TB0107: Stage 'SpecReview' and stage 'SPEC_REVIEW' both become the C# identifier 'SpecReview'; rename one of them (the workflow has 2 errors; fix stages.yaml to use these types)\", error: true)]",
            tree.ToString(),
            StringComparison.Ordinal);
    }

    [Fact]
    public void Hostile_keys_and_messages_are_escaped_and_inject_nothing()
    {
        const string Yaml = """
            stage_order: ["Y\"\n#error injected\n\\\u2028\u202E\u0085\r\u0007 */ //"]
            stages:
              "X\"); } } public class Injected { static string S = (\"": {work_agent: "a\\b\nc"}

            """;
        const string Uses = """
            namespace Tests
            {
                internal static class Program
                {
                    private static void Main() => System.Console.WriteLine(Workflow.Definition);
                }
            }
            """;

        GeneratorRun run = GeneratorHarness.RunWithProgram(Uses, ("/project/stages.yaml", Yaml));

        Assert.Null(run.Generator.Exception);
        SyntaxTree tree = Assert.Single(run.Stubs).SyntaxTree;
        Assert.Empty(tree.GetDiagnostics());
        SyntaxToken[] literals = tree.GetRoot().DescendantTokens().Where(token => token.IsKind(SyntaxKind.StringLiteralToken)).ToArray();
        Assert.NotEmpty(literals);
        Assert.All(literals, token => Assert.DoesNotMatch("[\r\n\u0085\u2028\u2029\u202E]", token.Text));
        Assert.Equal(["Workflow"], tree.GetRoot().DescendantNodes().OfType<Microsoft.CodeAnalysis.CSharp.Syntax.ClassDeclarationSyntax>().Select(type => type.Identifier.Text));
        Assert.DoesNotContain(tree.GetRoot().DescendantTrivia(), trivia => trivia.IsKind(SyntaxKind.ErrorDirectiveTrivia));

        Diagnostic error = Assert.Single(run.CompileDiagnostics);
        Assert.Equal("CS0619", error.Id);
        string message = error.GetMessage(CultureInfo.InvariantCulture);
        Assert.DoesNotMatch("[\r\n\u0085\u2028\u2029\u202E]", message);
        Assert.Contains("stages.yaml(1,15): error TB0102: stage_order names unknown stage 'Y\"\\n#error injected\\n\\\\u2028\\u202E\\u0085\\u000D\\u0007 */ //'", message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_refused_prompt_template_gives_a_stub_that_names_the_template()
    {
        const string Yaml = "stages:\n  SPEC:\n    work_agent: ba\n    prompt_template: prompts/spec.prompt.md\n  DONE: {}\nstage_order: [SPEC, DONE]\n";
        const string Uses = "namespace Tests { internal static class Program { private static void Main() => System.Console.WriteLine(Stage.Spec); } }";

        GeneratorRun run = GeneratorHarness.RunWithProgram(Uses, ("/project/stages.yaml", Yaml), ("/project/prompts/spec.prompt.md", new string('x', Workflow.PromptTemplateText.MaxLength + 1)));

        Assert.Empty(run.Workflows);
        Diagnostic error = Assert.Single(run.CompileDiagnostics);
        Assert.Equal("CS0619", error.Id);
        Assert.Contains("spec.prompt.md(1,1): error TB0502: Prompt template 'prompts/spec.prompt.md' of stage 'SPEC' is 1,048,577 characters long", error.GetMessage(CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }

    [Fact]
    public void A_broken_workflow_whose_names_another_workflow_has_gets_no_stub()
    {
        GeneratorRun run = GeneratorHarness.Run(("/project/a/stages.yaml", "stages: [unclosed"), ("/project/b/stages.yaml", GoldenOutputTests.ReadInput("linear")));

        Assert.Equal("Tests.Workflow.g.cs", Assert.Single(run.Sources).HintName);
        Assert.Empty(run.CompileDiagnostics);
        Assert.All(run.Diagnostics, diagnostic => Assert.Equal("/project/a/stages.yaml", diagnostic.Location.GetLineSpan().Path));
    }

    [Fact]
    public void Warnings_alone_still_generate_the_workflow_not_a_stub()
    {
        GeneratorRun run = GeneratorHarness.Run(("/project/stages.yaml", "stages:\n  A:\n    colour: pm\nstage_order: [A]\n"));

        Assert.Equal("Tests.Workflow.g.cs", Assert.Single(run.Sources).HintName);
        Assert.Empty(run.Stubs);
    }
}
