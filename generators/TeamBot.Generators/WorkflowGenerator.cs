using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using TeamBot.Generators.Emitting;
using TeamBot.Generators.Model;
using TeamBot.Workflow;
using TeamBot.Workflow.Diagnostics;
using TeamBot.Workflow.Model;
using TeamBot.Workflow.Naming;
using TeamBot.Workflow.Versioning;

namespace TeamBot.Generators;

/// <summary>
/// Compiles every workflow file of a project (stages.yaml, *.stages.yaml, or an additional file marked
/// <c>TeamBotWorkflow="true"</c>) into a stage enum and a class implementing <c>IWorkflowDefinition</c>.
/// A file with errors produces no workflow: the generator reports its problems and emits stand-in types of the same
/// names instead, marked <c>[Obsolete(error: true)]</c> with the first error's message (see <see cref="WorkflowStubEmitter"/>).
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class WorkflowGenerator : IIncrementalGenerator
{
    /// <inheritdoc/>
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        IncrementalValuesProvider<WorkflowFileInput> files = context.AdditionalTextsProvider
            .Combine(context.AnalyzerConfigOptionsProvider)
            .Select(static (pair, cancellationToken) => ReadWorkflowFile(pair.Left, pair.Right, cancellationToken))
            .Where(static input => input is not null)
            .Select(static (input, _) => input!)
            .WithTrackingName(TrackingNames.WorkflowFiles);

        IncrementalValueProvider<EquatableArray<string>> additionalFilePaths = context.AdditionalTextsProvider
            .Select(static (file, _) => PromptTemplateFiles.Normalize(file.Path))
            .Collect()
            .Select(static (paths, _) => paths.OrderBy(path => path, StringComparer.Ordinal).ToEquatableArray())
            .WithTrackingName(TrackingNames.AdditionalFilePaths);

        IncrementalValueProvider<PromptTemplateSettings> templateSettings = context.AnalyzerConfigOptionsProvider
            .Select(static (options, _) => PromptTemplateSettings.From(options.GlobalOptions))
            .WithTrackingName(TrackingNames.PromptTemplateSettings);

        IncrementalValueProvider<EquatableArray<VersionsFileInput>> versionsFiles = context.AdditionalTextsProvider
            .Where(static file => file.Path.EndsWith(ShippedVersionsFile.Suffix, StringComparison.OrdinalIgnoreCase))
            .Select(static (file, cancellationToken) => file.GetText(cancellationToken) is { } text ? VersionsFileInput.Read(PromptTemplateFiles.Normalize(file.Path), file.Path, text.ToString()) : null)
            .Where(static file => file is not null)
            .Select(static (file, _) => file!)
            .Collect()
            .Select(static (files, _) => files.OrderBy(file => file.Path, StringComparer.Ordinal).ToEquatableArray())
            .WithTrackingName(TrackingNames.VersionsFiles);

        // The compatibility gate runs in this step, so an unchanged workflow and versions file re-enumerate nothing.
        IncrementalValuesProvider<WorkflowBuild> builds = files
            .Combine(additionalFilePaths.Combine(templateSettings))
            .Combine(versionsFiles)
            .Select(static (pair, _) => BuildSpec(pair.Left.Left, pair.Left.Right.Left, pair.Left.Right.Right, pair.Right))
            .WithTrackingName(TrackingNames.WorkflowSpecs);

        context.RegisterSourceOutput(builds.Where(static build => build.HasProblems), static (production, build) => ReportProblems(production, build));

        IncrementalValuesProvider<WorkflowSpec?> specs = builds.Select(static (build, _) => build.Spec);

        // Only the templates some workflow references are read, so other additional files cost nothing.
        IncrementalValueProvider<EquatableArray<string>> templatePaths = specs
            .Select(static (spec, _) => spec is null ? default : spec.Stages.Select(stage => stage.PromptTemplateFullPath).OfType<string>().ToEquatableArray())
            .Collect()
            .Select(static (paths, _) => paths.SelectMany(path => path).Distinct(StringComparer.Ordinal).OrderBy(path => path, StringComparer.Ordinal).ToEquatableArray())
            .WithTrackingName(TrackingNames.PromptTemplatePaths);

        IncrementalValueProvider<EquatableArray<TemplateFile>> templates = context.AdditionalTextsProvider
            .Combine(templatePaths)
            .Select(static (pair, cancellationToken) => ReadTemplate(pair.Left, pair.Right, cancellationToken))
            .Where(static template => template is not null)
            .Select(static (template, _) => template!)
            .Collect()
            .Select(static (files, _) => files.OrderBy(file => file.Path, StringComparer.Ordinal).ToEquatableArray())
            .WithTrackingName(TrackingNames.PromptTemplates);

        IncrementalValueProvider<EquatableArray<WorkflowSpec>> all = specs
            .Where(static spec => spec is not null)
            .Select(static (spec, _) => spec!)
            .Collect()
            .Select(static (specs, _) => specs.OrderBy(spec => spec.Path, StringComparer.Ordinal).ToEquatableArray())
            .WithTrackingName(TrackingNames.AllWorkflows);

        // The stubs of the workflows with errors; a valid workflow's edit leaves this empty array equal, so it costs nothing.
        IncrementalValueProvider<EquatableArray<WorkflowStubSpec>> stubs = builds
            .Select(static (build, _) => build.Stub)
            .Where(static stub => stub is not null)
            .Select(static (stub, _) => stub!)
            .Collect()
            .Select(static (stubs, _) => stubs.OrderBy(stub => stub.Path, StringComparer.Ordinal).ToEquatableArray())
            .WithTrackingName(TrackingNames.WorkflowStubs);

        context.RegisterSourceOutput(all.Combine(stubs).Combine(templates), static (production, pair) => Emit(production, pair.Left.Left, pair.Left.Right, pair.Right));
    }

    private static TemplateFile? ReadTemplate(AdditionalText file, EquatableArray<string> referenced, CancellationToken cancellationToken)
    {
        string path = PromptTemplateFiles.Normalize(file.Path);
        if (!referenced.Contains(path))
        {
            return null;
        }

        SourceText? text = file.GetText(cancellationToken);
        string? refusal = PromptTemplateText.Refusal(text?.Length);
        return new TemplateFile(path, file.Path, refusal is null ? text!.ToString() : null, refusal);
    }

    private static WorkflowFileInput? ReadWorkflowFile(AdditionalText file, AnalyzerConfigOptionsProvider options, CancellationToken cancellationToken)
    {
        AnalyzerConfigOptions fileOptions = options.GetOptions(file);
        fileOptions.TryGetValue(WorkflowFiles.WorkflowMetadata, out string? marked);
        if (!WorkflowFiles.IsWorkflowFile(file.Path, marked))
        {
            return null;
        }

        string? text = file.GetText(cancellationToken)?.ToString();
        if (text is null)
        {
            return null;
        }

        string ns = Setting(fileOptions, WorkflowFiles.NamespaceMetadata)
            ?? Setting(options.GlobalOptions, WorkflowFiles.RootNamespaceProperty)
            ?? "";
        string className = Setting(fileOptions, WorkflowFiles.ClassNameMetadata) is { } customClass
            ? IdentifierNames.Sanitize(customClass)
            : WorkflowFiles.DefaultClassName(file.Path);
        string enumName = Setting(fileOptions, WorkflowFiles.EnumNameMetadata) is { } customEnum
            ? IdentifierNames.Sanitize(customEnum)
            : WorkflowFiles.DefaultEnumName(file.Path);
        return new WorkflowFileInput(file.Path, text, IdentifierNames.SanitizeNamespace(ns), className, enumName);
    }

    private static string? Setting(AnalyzerConfigOptions options, string key) =>
        options.TryGetValue(key, out string? value) && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;

    private static WorkflowBuild BuildSpec(WorkflowFileInput input, EquatableArray<string> additionalFilePaths, PromptTemplateSettings settings, EquatableArray<VersionsFileInput> versionsFiles)
    {
        try
        {
            string versionsPath = PromptTemplateFiles.Normalize(ShippedVersionsFile.PathFor(input.Path));
            VersionsFileInput? versionsFile = versionsFiles.FirstOrDefault(file => file.Path == versionsPath);
            return WorkflowSpecBuilder.Build(input, PromptTemplateFiles.From(additionalFilePaths, settings.UnlistedPaths, settings.ProjectDirectory), versionsFile);
        }
#pragma warning disable CA1031 // The compiler must never crash on a workflow file: any failure becomes a located TB0009.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            var problem = new WorkflowProblem(RuleIds.Unreadable, SourceSpan.FileStart, new[] { $"{ex.GetType().Name}: {ex.Message}" }.ToEquatableArray());
            EquatableArray<WorkflowProblem> problems = new[] { problem }.ToEquatableArray();
            return new WorkflowBuild(input.Path, input.Text.Length, null, problems, WorkflowStubBuilder.FromProblems(input, null, problems));
        }
    }

    private static void ReportProblems(SourceProductionContext context, WorkflowBuild build)
    {
        foreach (WorkflowProblem problem in build.Problems)
        {
            context.ReportDiagnostic(WorkflowDiagnostics.Create(problem, build.Path, build.TextLength));
        }

        foreach (WorkflowProblem problem in build.VersionsProblems)
        {
            context.ReportDiagnostic(WorkflowDiagnostics.Create(problem, build.VersionsPath!, build.VersionsTextLength));
        }
    }

    private static void Emit(SourceProductionContext context, EquatableArray<WorkflowSpec> specs, EquatableArray<WorkflowStubSpec> stubs, EquatableArray<TemplateFile> templates)
    {
        var templateFiles = new Dictionary<string, TemplateFile>(StringComparer.Ordinal);
        foreach (TemplateFile template in templates)
        {
            // One file listed twice: the first, as the analyzer takes it.
            if (!templateFiles.ContainsKey(template.Path))
            {
                templateFiles.Add(template.Path, template);
            }
        }

        var emitted = new Dictionary<string, WorkflowSpec>(StringComparer.Ordinal);
        var paths = new HashSet<string>(StringComparer.Ordinal);
        foreach (WorkflowSpec spec in specs)
        {
            // The same file listed twice as an additional file is one workflow.
            if (!paths.Add(spec.Path))
            {
                continue;
            }

            if (emitted.TryGetValue(spec.FullClassName, out WorkflowSpec? first) || emitted.TryGetValue(spec.FullEnumName, out first))
            {
                string clash = emitted.ContainsKey(spec.FullClassName) ? spec.FullClassName : spec.FullEnumName;
                Report(context, spec, $"it would generate '{clash}', as '{Path.GetFileName(first.Path)}' already does; set TeamBotClassName and TeamBotEnumName on one of them");
                continue;
            }

            emitted.Add(spec.FullClassName, spec);
            emitted.Add(spec.FullEnumName, spec);
            (WorkflowSpec? complete, IReadOnlyList<(string FilePath, WorkflowProblem Problem)> refused) = WorkflowSpecBuilder.WithTemplates(spec, templateFiles);
            foreach ((string filePath, WorkflowProblem problem) in refused)
            {
                context.ReportDiagnostic(WorkflowDiagnostics.Create(problem, filePath, textLength: 0));
            }

            if (complete is null)
            {
                string reason = "a prompt template it references could not be read";
                if (refused.Count == 0)
                {
                    Report(context, spec, reason);
                }

                string message = refused.Count > 0
                    ? WorkflowStubBuilder.Message(WorkflowStubBuilder.FileName(refused[0].FilePath), refused[0].Problem, refused.Count, refused.Count > 1 ? "the prompt templates" : WorkflowStubBuilder.FileName(refused[0].FilePath))
                    : WorkflowStubBuilder.Message(spec.SourceFileName, new WorkflowProblem(RuleIds.Unreadable, SourceSpan.FileStart, new[] { reason }.ToEquatableArray()), 1, spec.SourceFileName);
                AddStub(context, WorkflowStubBuilder.FromSpec(spec, message));
                continue;
            }

            try
            {
                context.AddSource(WorkflowEmitter.HintName(complete), SourceText.From(WorkflowEmitter.Emit(complete), System.Text.Encoding.UTF8));
            }
#pragma warning disable CA1031 // Turn any failure into a located diagnostic rather than CS8785.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                Report(context, spec, $"{ex.GetType().Name}: {ex.Message}");
            }
        }

        // Stubs come last, so that a valid workflow is emitted exactly as before. A stub whose names another workflow
        // already has is left out without a report: its file's own errors are reported already.
        var taken = new HashSet<string>(emitted.Keys, StringComparer.Ordinal);
        foreach (WorkflowStubSpec stub in stubs)
        {
            if (paths.Add(stub.Path) && !taken.Contains(stub.FullClassName) && !taken.Contains(stub.FullEnumName))
            {
                taken.Add(stub.FullClassName);
                taken.Add(stub.FullEnumName);
                AddStub(context, stub);
            }
        }
    }

    private static void AddStub(SourceProductionContext context, WorkflowStubSpec stub)
    {
        try
        {
            context.AddSource(WorkflowStubEmitter.HintName(stub), SourceText.From(WorkflowStubEmitter.Emit(stub), System.Text.Encoding.UTF8));
        }
#pragma warning disable CA1031 // The file's errors are reported already; a stub that cannot be written must not become CS8785.
        catch (Exception)
#pragma warning restore CA1031
        {
        }
    }

    private static void Report(SourceProductionContext context, WorkflowSpec spec, string reason)
    {
        var problem = new WorkflowProblem(RuleIds.Unreadable, SourceSpan.FileStart, new[] { reason }.ToEquatableArray());
        context.ReportDiagnostic(WorkflowDiagnostics.Create(problem, spec.Path, textLength: 0));
    }
}
