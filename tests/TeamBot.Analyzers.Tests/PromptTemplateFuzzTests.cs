using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using TeamBot.Definitions;
using TeamBot.Generators;
using TeamBot.Tests.Support;
using Xunit.Abstractions;

namespace TeamBot.Analyzers.Tests;

/// <summary>
/// Prompt templates are an input the build reads. Mutated templates go through the generator and the analyzer in
/// batches: nothing throws, and each template is either compiled in character for character, in code that compiles, or
/// refused with TB0502 in the template file, exactly when it is over the size limit or unreadable.
/// </summary>
public sealed class PromptTemplateFuzzTests(ITestOutputHelper output)
{
    private const int Seed = 20261201;

    /// <summary>The size CI runs, about 25 s on two cores; <c>TEAMBOT_FUZZ_CASES=10000</c> or more for the full size.</summary>
    private const int CiCases = 1_000;

    private const int BatchSize = 250;

    private const string Stage = "WRITE";

    /// <summary>The documented size limit, stated here rather than read from the code under test, so the oracle stays independent.</summary>
    private const int Limit = 1_048_576;

    private static readonly string[] Seeds =
    [
        "# Write the specification\n\nRead the objective and write `spec.md` with:\n\n- **Goals**: what the feature does\n- **Success Criteria**: one line each\n\n> Keep it short.\n",
        "---\ndescription: Plan the tasks for a feature\n---\n\n## User Input\n\n```text\n$ARGUMENTS\n```\n\nYou **MUST** consider the user input before proceeding (if not empty).\n\n1. Load `plan.md`.\n2. For each task, write `- [ ] T001 [P] Description in path/to/file.cs`.\n",
        "Review the work below.\r\nQuote: \"x\" and a path C:\\work\\src and a regex ^\\d+$.\r\nEmoji 😀, accents é, CJK 漢字, RTL שלום.\r\n",
        "| Column | Meaning |\n|---|---|\n| {stage} | the stage |\n| {{objective}} | the objective |\n\n<details><summary>More</summary>\n\n/* not a comment */ // nor this\n</details>\n",
        "x",
    ];

    [Fact]
    public async Task Mutated_templates_never_crash_and_are_compiled_in_exactly_or_refused_in_the_template_file()
    {
        int count = FuzzLog.Cases(CiCases);
        var mutator = new TemplateMutator(Seed);
        var edits = new Dictionary<string, int>(StringComparer.Ordinal);
        var stopwatch = Stopwatch.StartNew();
        int compiledIn = 0;
        int refused = 0;
        for (int start = 0; start < count; start += BatchSize)
        {
            (string? Text, string Edit)[] batch = Enumerable.Range(0, Math.Min(BatchSize, count - start)).Select(_ => mutator.Next(Seeds)).ToArray();
            foreach ((_, string edit) in batch)
            {
                edits[edit] = edits.GetValueOrDefault(edit) + 1;
            }

            (int ok, int no) = await CheckBatchAsync(batch.Select(item => item.Text).ToArray(), start);
            compiledIn += ok;
            refused += no;
        }

        output.WriteLine("Last edit of each case: " + string.Join(", ", edits.OrderByDescending(pair => pair.Value).Select(pair => $"{pair.Key} {pair.Value}")));
        FuzzLog.Write(output, "prompt templates", $"{count} cases (seed {Seed}): {compiledIn} compiled in exactly, {refused} refused with TB0502 in the template file; {stopwatch.Elapsed.TotalSeconds:F0} s");
        Assert.Equal(count, compiledIn + refused);
        Assert.True(compiledIn > 0 && refused > 0, "The mutations should give both templates that are compiled in and templates that are refused.");
    }

    private static async Task<(int CompiledIn, int Refused)> CheckBatchAsync(string?[] texts, int offset)
    {
        // One workflow per template, each with its own class, so that a refused template stops only its own.
        string[] names = texts.Select((_, i) => (offset + i).ToString("D6", CultureInfo.InvariantCulture)).ToArray();
        var files = new List<AdditionalText>();
        for (int i = 0; i < texts.Length; i++)
        {
            files.Add(new MemoryText(WorkflowPath(names[i]), $"stages:\n  {Stage}:\n    work_agent: pm\n    prompt_template: {TemplateReference(names[i])}\n  DONE: {{}}\nstage_order: [{Stage}, DONE]\n"));
            files.Add(new MemoryText(TemplatePath(names[i]), texts[i]));
        }

        ImmutableArray<AdditionalText> additionalFiles = [.. files];
        (GeneratorRunResult run, Compilation withGenerated, ImmutableArray<Diagnostic> generatorDiagnostics, ImmutableArray<Diagnostic> analyzerDiagnostics) = await FuzzBuild.RunAsync("TemplateFuzz", additionalFiles);

        var sources = run.GeneratedSources.ToDictionary(source => source.HintName, source => source.SyntaxTree, StringComparer.Ordinal);
        int compiledIn = 0;
        int refused = 0;
        for (int i = 0; i < texts.Length; i++)
        {
            string workflow = WorkflowPath(names[i]);
            string template = TemplatePath(names[i]);
            Assert.Empty(Describe(generatorDiagnostics, workflow));
            Assert.Empty(Describe(analyzerDiagnostics, workflow));

            // The build sees the generator's diagnostics, the IDE the analyzer's: they must say the same.
            string[] reported = Describe(generatorDiagnostics, template);
            Assert.Equal(reported, Describe(analyzerDiagnostics, template));

            bool hasCode = sources.TryGetValue($"F{names[i]}.g.cs", out SyntaxTree? tree);
            if (ExpectedRefusal(texts[i]) is { } refusal)
            {
                Assert.False(hasCode, $"{template}: should be refused ({refusal}), yet it was compiled in.");
                Assert.Equal([$"TB0502 Error (0,0)-(0,0) Prompt template '{TemplateReference(names[i])}' of stage '{Stage}' {refusal}"], reported);
                refused++;
            }
            else
            {
                Assert.True(hasCode, $"{template} ({texts[i]!.Length} characters) was not compiled in: {string.Join("; ", reported)}");
                Assert.Empty(reported);
                Assert.Equal(texts[i], EmbeddedTemplate(tree!));
                compiledIn++;
            }
        }

        Diagnostic[] errors = withGenerated.GetDiagnostics().Where(diagnostic => diagnostic.Severity == DiagnosticSeverity.Error).ToArray();
        Assert.True(errors.Length == 0, string.Join("\n", errors.Take(10)));
        return (compiledIn, refused);
    }

    private static string? ExpectedRefusal(string? text) => text switch
    {
        null => "could not be read by the compiler; check that the file exists and can be read",
        { Length: > Limit } => $"is {text.Length.ToString("N0", CultureInfo.InvariantCulture)} characters long, more than the 1,048,576 (1 MiB) a prompt template may have; shorten it",
        _ => null,
    };

    /// <summary>The value of the one <c>PromptTemplate = "..."</c> in a generated file, as the compiler reads the literal.</summary>
    private static string EmbeddedTemplate(SyntaxTree tree) =>
        tree.GetRoot().DescendantNodes().OfType<AssignmentExpressionSyntax>()
            .Where(assignment => assignment.Left is IdentifierNameSyntax { Identifier.ValueText: "PromptTemplate" })
            .Select(assignment => Assert.IsType<LiteralExpressionSyntax>(assignment.Right).Token.ValueText)
            .Single();

    private static string WorkflowPath(string name) => $"/fuzz/f{name}.stages.yaml";

    private static string TemplateReference(string name) => $"prompts/t{name}.prompt.md";

    private static string TemplatePath(string name) => "/fuzz/" + TemplateReference(name);

    private static string[] Describe(IEnumerable<Diagnostic> diagnostics, string path) =>
        diagnostics.Where(diagnostic => diagnostic.Location.GetLineSpan().Path == path)
            .Select(diagnostic => $"{diagnostic.Id} {diagnostic.Severity} {diagnostic.Location.GetLineSpan().Span} {diagnostic.GetMessage(CultureInfo.InvariantCulture)}")
            .Order(StringComparer.Ordinal)
            .ToArray();
}
