using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using TeamBot.Workflow;
using TeamBot.Workflow.Diagnostics;
using TeamBot.Workflow.Model;

namespace TeamBot.Analyzers;

/// <summary>
/// Reports every problem in every workflow file (stages.yaml, *.stages.yaml, or an additional file marked
/// <c>TeamBotWorkflow="true"</c>) at its line and column, as the file is edited and in every build.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class WorkflowFileAnalyzer : DiagnosticAnalyzer
{
    /// <summary>Parsing is the costly part, so it is cached per text: the IDE re-runs analysis after every edit elsewhere.</summary>
    private static readonly SourceTextValueProvider<WorkflowAnalysis> ParseCache = new(text => WorkflowAnalysis.Parse(text.ToString()));

    private static readonly EquatableArray<string> CouldNotOpen = new[] { "the file could not be opened" }.ToEquatableArray();

    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => DiagnosticDescriptors.All;

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            AnalyzerConfigOptions global = start.Options.AnalyzerConfigOptionsProvider.GlobalOptions;
            global.TryGetValue(WorkflowFiles.UnlistedPromptTemplatesProperty, out string? unlisted);
            global.TryGetValue(WorkflowFiles.ProjectDirectoryProperty, out string? projectDirectory);
            PromptTemplateFiles templates = PromptTemplateFiles.From(start.Options.AdditionalFiles.Select(additional => additional.Path), unlisted, projectDirectory);
            var additionalFiles = new Dictionary<string, AdditionalText>(StringComparer.Ordinal);
            foreach (AdditionalText additional in start.Options.AdditionalFiles)
            {
                string path = PromptTemplateFiles.Normalize(additional.Path);
                if (!additionalFiles.ContainsKey(path))
                {
                    additionalFiles.Add(path, additional);
                }
            }

            Func<SourceText, WorkflowAnalysis> parse = text =>
                start.TryGetValue(text, ParseCache, out WorkflowAnalysis? cached) ? cached : WorkflowAnalysis.Parse(text.ToString());
            start.RegisterAdditionalFileAction(file => AnalyzeFile(file, templates, additionalFiles, parse));
        });
    }

    private static void AnalyzeFile(AdditionalFileAnalysisContext context, PromptTemplateFiles templates, Dictionary<string, AdditionalText> additionalFiles, Func<SourceText, WorkflowAnalysis> parse)
    {
        AdditionalText file = context.AdditionalFile;
        context.Options.AnalyzerConfigOptionsProvider.GetOptions(file).TryGetValue(WorkflowFiles.WorkflowMetadata, out string? marked);
        if (!WorkflowFiles.IsWorkflowFile(file.Path, marked))
        {
            return;
        }

        SourceText? text = file.GetText(context.CancellationToken);
        if (text is null)
        {
            var problem = new WorkflowProblem(RuleIds.Unreadable, SourceSpan.FileStart, CouldNotOpen);
            context.ReportDiagnostic(WorkflowDiagnostics.Create(problem, file.Path, SourceText.From("")));
            return;
        }

        WorkflowAnalysis analysis = parse(text).Validate(relative => templates.Find(file.Path, relative));
        foreach (WorkflowProblem problem in analysis.Problems)
        {
            context.ReportDiagnostic(WorkflowDiagnostics.Create(problem, file.Path, text));
        }

        // As the generator does: templates are read to be compiled in, which happens only for a workflow without errors.
        if (analysis.Document is { } document && !analysis.HasErrors())
        {
            CheckTemplates(context, document, additionalFiles);
        }
    }

    /// <summary>TB0502 for each template the compiler cannot take in, reported in the template file.</summary>
    private static void CheckTemplates(AdditionalFileAnalysisContext context, WorkflowDocument document, Dictionary<string, AdditionalText> additionalFiles)
    {
        foreach (StageDefinition stage in document.Stages)
        {
            if (stage.PromptTemplate is { } template
                && additionalFiles.TryGetValue(PromptTemplateFiles.Resolve(context.AdditionalFile.Path, template.Value), out AdditionalText? templateFile)
                && PromptTemplateText.Refusal(templateFile.GetText(context.CancellationToken)?.Length) is { } refusal)
            {
                WorkflowProblem problem = PromptTemplateText.Problem(template.Value, stage.Key.Value, refusal);
                context.ReportDiagnostic(WorkflowDiagnostics.Create(problem, templateFile.Path, textLength: 0));
            }
        }
    }
}
