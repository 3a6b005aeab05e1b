using System;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Text;
using TeamBot.Workflow;
using TeamBot.Workflow.Diagnostics;
using TeamBot.Workflow.Fixes;

namespace TeamBot.CodeFixes;

/// <summary>
/// Offers the fix a workflow rule knows (did-you-mean, add to stage_order, add the missing field, remove the duplicate)
/// on its diagnostic in the workflow file, an additional document, as the light bulb in Visual Studio and Rider. The
/// edits come from <see cref="WorkflowFixes"/>, so they are the ones the language server offers as code actions.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(WorkflowFileCodeFixProvider), DocumentKinds = new[] { nameof(TextDocumentKind.AdditionalDocument) })]
[Shared]
public sealed class WorkflowFileCodeFixProvider : CodeFixProvider
{
    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = WorkflowFixes.FixableRuleIds.ToImmutableArray();

    /// <inheritdoc/>
    /// <remarks>Each fix rewrites one spot of the file from a fresh analysis; fixing them all at once in one pass is not offered.</remarks>
    public override FixAllProvider? GetFixAllProvider() => null;

    /// <inheritdoc/>
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        // A code fix that throws is shown to the user as a failure of the extension: every step is guarded.
        try
        {
            TextDocument document = context.TextDocument;
            SourceText text = await document.GetTextAsync(context.CancellationToken).ConfigureAwait(false);
            string content = text.ToString();
            WorkflowAnalysis analysis = WorkflowAnalysis.Analyze(content);
            foreach (Diagnostic diagnostic in context.Diagnostics)
            {
                if (FixFor(content, analysis, diagnostic) is { } fix)
                {
                    CodeAction action = CodeAction.Create(
                        fix.Title,
                        cancellationToken => ApplyAsync(document, fix, cancellationToken),
                        equivalenceKey: diagnostic.Id + " " + fix.Title);
                    context.RegisterCodeFix(action, diagnostic);
                }
            }
        }
        catch (OperationCanceledException)
        {
            throw;
        }
#pragma warning disable CA1031 // No fix is better than a crash in the user's editor.
        catch (Exception)
#pragma warning restore CA1031
        {
        }
    }

    /// <summary>The fix of the problem with the diagnostic's ID at the diagnostic's span, if that problem has one.</summary>
    private static WorkflowFix? FixFor(string content, WorkflowAnalysis analysis, Diagnostic diagnostic)
    {
        TextSpan span = diagnostic.Location.SourceSpan;
        WorkflowProblem? problem = analysis.Problems.FirstOrDefault(candidate =>
            candidate.Id == diagnostic.Id && candidate.Span.Start == span.Start && candidate.Span.Length == span.Length);
        return problem is null ? null : WorkflowFixes.For(content, analysis.Document, problem);
    }

    private static async Task<Solution> ApplyAsync(TextDocument document, WorkflowFix fix, CancellationToken cancellationToken)
    {
        SourceText text = await document.GetTextAsync(cancellationToken).ConfigureAwait(false);
        SourceText changed = text.WithChanges(fix.Edits.Select(edit => new TextChange(new TextSpan(edit.Start, edit.Length), edit.NewText)));
        return document.Project.Solution.WithAdditionalDocumentText(document.Id, changed);
    }
}
