using System.Linq;
using TeamBot.Workflow.Diagnostics;
using TeamBot.Workflow.Model;

namespace TeamBot.Workflow.Versioning;

/// <summary>
/// Records a workflow's shape as shipped: what <c>teambot workflow ship</c> and the editor's "record as shipped" action
/// both do. Pure: the caller reads the files and writes <see cref="ShipOutcome.NewText"/>.
/// </summary>
public static class WorkflowShipping
{
    /// <summary>Decides what to write for the workflow <paramref name="workflowText"/> beside <paramref name="versionsText"/>.</summary>
    /// <param name="workflowText">The workflow file's text.</param>
    /// <param name="versionsText">The versions file's text, or <see langword="null"/> when there is none yet.</param>
    public static ShipOutcome Ship(string workflowText, string? versionsText)
    {
        WorkflowAnalysis analysis = WorkflowAnalysis.Analyze(workflowText);
        if (analysis.Document is not { } document || analysis.HasErrors())
        {
            return new ShipOutcome("", null, analysis.Problems.Where(WorkflowRules.IsError).ToEquatableArray(), default, false, 0);
        }

        (EquatableArray<ShippedVersion> shipped, EquatableArray<WorkflowProblem> versionsProblems) = versionsText is null ? default : ShippedVersionsFile.Parse(versionsText);
        if (versionsProblems.Count > 0)
        {
            return new ShipOutcome("", null, default, versionsProblems, false, shipped.Count);
        }

        // A version that strands runs of an earlier one must not become a version runs are saved under.
        CompatibilityResult compatibility = WorkflowCompatibility.Check(document, shipped);
        if (compatibility.Problems.Count > 0)
        {
            return new ShipOutcome(compatibility.Version, null, compatibility.Problems, default, false, shipped.Count);
        }

        if (shipped.Any(version => version.Version == compatibility.Version))
        {
            return new ShipOutcome(compatibility.Version, null, default, default, true, shipped.Count);
        }

        string text = ShippedVersionsFile.Write(shipped.Select(version => version.Shape), WorkflowShape.From(document));
        return new ShipOutcome(compatibility.Version, text, default, default, false, shipped.Count + 1);
    }
}
