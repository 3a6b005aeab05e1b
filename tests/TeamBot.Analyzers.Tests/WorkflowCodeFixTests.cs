using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using TeamBot.CodeFixes;
using TeamBot.Tests.Support;
using TeamBot.Workflow;
using TeamBot.Workflow.Diagnostics;
using TeamBot.Workflow.Fixes;

namespace TeamBot.Analyzers.Tests;

/// <summary>
/// <see cref="WorkflowFileCodeFixProvider"/> as Visual Studio and Rider drive it: the analyzer reports on stages.yaml, an
/// additional document of a workspace project; the provider is asked for fixes with a <see cref="CodeFixContext"/> on
/// that document; the chosen action's solution holds the fixed file.
/// </summary>
public sealed class WorkflowCodeFixTests
{
    private const string WorkflowPath = "/project/stages.yaml";

    [Fact]
    public async Task A_misspelt_group_member_is_changed_to_the_stage_it_is_near()
    {
        string broken = Workflows.With("stages: [RESEARCH, TEST_STRATEGY]", "stages: [RESEARCH, TEST_STRATEGYY]");

        (string title, string equivalenceKey, string fixedText) = Assert.Single(await FixesAsync(broken, RuleIds.UnknownStage));

        Assert.Equal("Change to 'TEST_STRATEGY'", title);
        Assert.Equal("TB0102 Change to 'TEST_STRATEGY'", equivalenceKey);
        Assert.Equal(Workflows.Valid, fixedText);
    }

    [Fact]
    public async Task A_misspelt_field_is_changed_to_the_field_it_is_near()
    {
        string broken = Workflows.With("    is_review_stage: true\n", "    is_review_stage: true\n    max_iteratons: 3\n");

        (string title, _, string fixedText) = Assert.Single(await FixesAsync(broken, RuleIds.MisspeltField));

        Assert.Equal("Change to 'max_iterations'", title);
        Assert.Equal(Workflows.With("    is_review_stage: true\n", "    is_review_stage: true\n    max_iterations: 3\n"), fixedText);
        Assert.Empty(await DiagnosticsAsync(fixedText));
    }

    [Fact]
    public async Task A_stage_missing_from_stage_order_is_added_after_the_stage_declared_before_it()
    {
        string broken = Workflows.With("SPEC_REVIEW, RESEARCH,", "SPEC_REVIEW,");

        (string title, _, string fixedText) = Assert.Single(await FixesAsync(broken, RuleIds.StageNotInOrder));

        Assert.Equal("Add 'RESEARCH' to stage_order", title);
        Assert.Equal(Workflows.Valid, fixedText);
    }

    [Fact]
    public async Task A_stage_listed_twice_loses_the_duplicate()
    {
        string broken = Workflows.With("SPEC_REVIEW, RESEARCH,", "SPEC_REVIEW, SPEC_REVIEW, RESEARCH,");

        (string title, _, string fixedText) = Assert.Single(await FixesAsync(broken, RuleIds.StageListedTwice));

        Assert.Equal("Remove the duplicate 'SPEC_REVIEW'", title);
        Assert.Equal(Workflows.Valid, fixedText);
    }

    [Fact]
    public async Task A_missing_work_agent_is_added()
    {
        string broken = Workflows.With("  PLAN:\n    work_agent: pm", "  PLAN:\n    artifacts: [plan.md]");

        (string title, _, string fixedText) = Assert.Single(await FixesAsync(broken, RuleIds.MissingWorkAgent));

        Assert.Equal("Add 'work_agent: ba'", title);
        Assert.Contains("  PLAN:\n    work_agent: ba\n    artifacts: [plan.md]", fixedText, StringComparison.Ordinal);
        Assert.Empty(await DiagnosticsAsync(fixedText));
    }

    [Fact]
    public async Task A_problem_without_a_near_name_registers_no_fix()
    {
        string broken = Workflows.With("stages: [RESEARCH, TEST_STRATEGY]", "stages: [RESEARCH, ZZZZZZZZZZZZ]");

        Assert.Empty(await FixesAsync(broken, RuleIds.UnknownStage));
    }

    [Fact]
    public async Task A_rule_without_fixes_registers_nothing_even_when_asked()
    {
        string broken = Workflows.With("    is_review_stage: true", "    is_review_stage: true\n    max_iterations: 0");

        Assert.DoesNotContain(RuleIds.MaxIterationsTooSmall, new WorkflowFileCodeFixProvider().FixableDiagnosticIds);
        Assert.Empty(await FixesAsync(broken, RuleIds.MaxIterationsTooSmall));
    }

    [Fact]
    public async Task A_diagnostic_from_an_older_text_registers_nothing_and_does_not_throw()
    {
        string broken = Workflows.With("stages: [RESEARCH, TEST_STRATEGY]", "stages: [RESEARCH, TEST_STRATEGYY]");
        using var workspace = new AdhocWorkspace();
        TextDocument document = AddWorkflow(workspace, broken);
        Diagnostic diagnostic = Assert.Single(await DiagnosticsAsync(document.Project), d => d.Id == RuleIds.UnknownStage);

        // The user has since edited the file: the problem is gone, or the span now points past the end of the file.
        foreach (string edited in new[] { Workflows.Valid, "stages: {}\n" })
        {
            TextDocument current = workspace.CurrentSolution.WithAdditionalDocumentText(document.Id, SourceText.From(edited)).GetAdditionalDocument(document.Id)!;
            Assert.Empty(await RegisterAsync(current, diagnostic));
        }
    }

    [Fact]
    public void The_fixable_ids_are_the_model_s_list_of_rules_with_fixes()
    {
        var provider = new WorkflowFileCodeFixProvider();

        Assert.Equal(WorkflowFixes.FixableRuleIds, provider.FixableDiagnosticIds);
        Assert.Null(provider.GetFixAllProvider());
        Assert.All(provider.FixableDiagnosticIds, id => Assert.NotNull(WorkflowRules.All.SingleOrDefault(rule => rule.Id == id)));
    }

    [Theory]
    [InlineData(RuleIds.MisspeltField, "    work_agent: ba\n  SPEC_REVIEW:", "    wrok_agent: ba\n  SPEC_REVIEW:")]
    [InlineData(RuleIds.UnknownSection, "parallel_groups:", "parallel_group:")]
    [InlineData(RuleIds.StageNotInOrder, "SPEC_REVIEW, RESEARCH,", "SPEC_REVIEW,")]
    [InlineData(RuleIds.UnknownStage, "  SPEC: SPEC_REVIEW", "  SPEC: SPEC_REVEIW")]
    [InlineData(RuleIds.StageListedTwice, "[RESEARCH, TEST_STRATEGY]", "[RESEARCH, TEST_STRATEGY, RESEARCH]")]
    [InlineData(RuleIds.MissingWorkAgent, "  PLAN:\n    work_agent: pm", "  PLAN:\n    artifacts: [plan.md]")]
    [InlineData(RuleIds.MissingReviewAgent, "  SETUP:\n    work_agent: pm", "  SETUP:\n    work_agent: pm\n    is_review_stage: true")]
    [InlineData(RuleIds.GroupMissingField, "    after: SPEC_REVIEW\n", "")]
    [InlineData(RuleIds.UnknownTool, "    artifacts: [research.md]\n", "    artifacts: [research.md]\n    permissions:\n      tools: [read_fiel]\n")]
    public async Task Every_fixable_rule_has_its_fix_offered_in_the_editor(string id, string find, string broken)
    {
        Assert.Contains(id, new WorkflowFileCodeFixProvider().FixableDiagnosticIds);

        (_, string equivalenceKey, string fixedText) = Assert.Single(await FixesAsync(Workflows.With(find, broken), id));

        Assert.StartsWith(id + " ", equivalenceKey, StringComparison.Ordinal);
        var before = await DiagnosticsAsync(Workflows.With(find, broken));
        var after = await DiagnosticsAsync(fixedText);
        Assert.DoesNotContain(after, diagnostic => diagnostic.Id == id);

        // The fix leaves a file that still reads: no syntax, duplicate-key or shape error, and fewer errors than before.
        Assert.DoesNotContain(after, diagnostic => diagnostic.Id is "TB0001" or "TB0002" or "TB0004");
        Assert.True(after.Count(diagnostic => diagnostic.Severity == DiagnosticSeverity.Error) < before.Count(diagnostic => diagnostic.Severity == DiagnosticSeverity.Error), string.Join("\n", after));
    }

    [Fact]
    public void Every_problem_that_carries_a_fix_is_of_a_fixable_rule()
    {
        string[] seeds = [Workflows.Valid, File.ReadAllText(Path.Combine(TestSupport.RepoRoot, "stages.yaml")), LargeWorkflow.Create(12, 3)];
        ImmutableArray<string> fixable = new WorkflowFileCodeFixProvider().FixableDiagnosticIds;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (string text in new WorkflowMutator(20261201).Generate(seeds, 3000))
        {
            foreach (WorkflowProblem problem in WorkflowAnalysis.Analyze(text).Problems.Where(problem => problem.Fix is not null))
            {
                Assert.True(fixable.Contains(problem.Id), $"{problem.Id} carries a fix but the code fix provider does not register for it.");
                seen.Add(problem.Id);
            }
        }

        Assert.NotEmpty(seen);
    }

    /// <summary>For each diagnostic <paramref name="id"/> the analyzer reports: the fixes registered and the file each makes.</summary>
    private static async Task<List<(string Title, string EquivalenceKey, string FixedText)>> FixesAsync(string yaml, string id)
    {
        using var workspace = new AdhocWorkspace();
        TextDocument document = AddWorkflow(workspace, yaml);
        Diagnostic[] diagnostics = (await DiagnosticsAsync(document.Project)).Where(diagnostic => diagnostic.Id == id).ToArray();
        Assert.NotEmpty(diagnostics);

        var fixes = new List<(string, string, string)>();
        foreach (Diagnostic diagnostic in diagnostics)
        {
            foreach (CodeAction action in await RegisterAsync(document, diagnostic))
            {
                ImmutableArray<CodeActionOperation> operations = await action.GetOperationsAsync(CancellationToken.None);
                Solution changed = Assert.IsType<ApplyChangesOperation>(Assert.Single(operations)).ChangedSolution;
                SourceText text = await changed.GetAdditionalDocument(document.Id)!.GetTextAsync();
                fixes.Add((action.Title, action.EquivalenceKey!, text.ToString()));
            }
        }

        return fixes;
    }

    private static async Task<List<CodeAction>> RegisterAsync(TextDocument document, Diagnostic diagnostic)
    {
        var actions = new List<CodeAction>();
        var context = new CodeFixContext(document, diagnostic, (action, _) => actions.Add(action), CancellationToken.None);
        await new WorkflowFileCodeFixProvider().RegisterCodeFixesAsync(context);
        return actions;
    }

    private static TextDocument AddWorkflow(AdhocWorkspace workspace, string yaml)
    {
        Project project = workspace.AddProject("Consumer", LanguageNames.CSharp);
        project = project.AddDocument("Program.cs", "internal static class Program { }").Project;
        TextDocument document = project.AddAdditionalDocument("stages.yaml", SourceText.From(yaml), filePath: WorkflowPath);
        Assert.True(workspace.TryApplyChanges(document.Project.Solution));
        return workspace.CurrentSolution.GetAdditionalDocument(document.Id)!;
    }

    private static async Task<Diagnostic[]> DiagnosticsAsync(string yaml)
    {
        using var workspace = new AdhocWorkspace();
        return await DiagnosticsAsync(AddWorkflow(workspace, yaml).Project);
    }

    /// <summary>What <see cref="WorkflowFileAnalyzer"/> reports for the project, as the IDE's live analysis does.</summary>
    private static async Task<Diagnostic[]> DiagnosticsAsync(Project project)
    {
        Compilation compilation = (await project.GetCompilationAsync())!;
        ImmutableArray<Diagnostic> diagnostics = await compilation
            .WithAnalyzers([new WorkflowFileAnalyzer()], project.AnalyzerOptions)
            .GetAnalyzerDiagnosticsAsync();
        return diagnostics.ToArray();
    }
}
