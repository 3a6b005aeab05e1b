using System;
using System.CommandLine;
using System.IO;
using System.Linq;
using System.Text;
using TeamBot.Hosting;
using TeamBot.Workflow;
using TeamBot.Workflow.Diagnostics;
using TeamBot.Workflow.Model;
using TeamBot.Workflow.Versioning;

namespace TeamBot.Cli;

/// <summary>
/// <c>teambot workflow ship</c>: records the workflow file's current shape as shipped in the versions file beside it,
/// as PublicAPI.Shipped.txt records an API, so that the build keeps every later edit resumable for its runs.
/// </summary>
internal static class WorkflowShipCommand
{
    public static Command Create()
    {
        var file = new Option<FileInfo>("--file", "-f")
        {
            Description = "The workflow file to record (default: stages.yaml in the current folder).",
            DefaultValueFactory = _ => new FileInfo(WorkflowFiles.DefaultFileName),
        };
        var ship = new Command("ship", "Record the workflow's current shape as shipped in stages.versions.json beside it (commit that file). From then on the build fails on any edit that would strand a run saved under a shipped version, until a 'migrations:' entry carries it over (docs/versioning.md).");
        ship.Options.Add(file);
        ship.SetAction(parse => Ship(parse.GetValue(file)!, Console.Out, Console.Error));

        var workflow = new Command("workflow", "Work with the workflow file itself.");
        workflow.Subcommands.Add(ship);
        return workflow;
    }

    /// <summary>Records the shape of the workflow at <paramref name="file"/>; returns the exit code.</summary>
    internal static int Ship(FileInfo file, TextWriter output, TextWriter error)
    {
        if (!file.Exists)
        {
            error.WriteLine($"The workflow file '{file.FullName}' does not exist; pass its path with --file.");
            return ExitCodes.BadInput;
        }

        string text = File.ReadAllText(file.FullName);
        WorkflowAnalysis analysis = WorkflowAnalysis.Analyze(text);
        if (analysis.Document is not { } document || analysis.HasProblem(WorkflowRules.IsError))
        {
            Report(error, file.FullName, analysis.Problems.Where(problem => WorkflowRules.IsError(problem.Id)));
            error.WriteLine("A workflow with errors cannot be shipped; fix them first.");
            return ExitCodes.BadInput;
        }

        string versionsPath = ShippedVersionsFile.PathFor(file.FullName);
        EquatableArray<ShippedVersion> shipped = default;
        if (File.Exists(versionsPath))
        {
            string versionsText = File.ReadAllText(versionsPath);
            (shipped, EquatableArray<WorkflowProblem> problems) = ShippedVersionsFile.Parse(versionsText);
            if (problems.Count > 0)
            {
                Report(error, versionsPath, problems);
                error.WriteLine($"'{versionsPath}' was left unchanged.");
                return ExitCodes.BadInput;
            }
        }

        // A version that strands runs of an earlier one must not become a version runs are saved under.
        CompatibilityResult compatibility = WorkflowCompatibility.Check(document, shipped);
        if (compatibility.Problems.Count > 0)
        {
            Report(error, file.FullName, compatibility.Problems);
            error.WriteLine($"Version {compatibility.Version} would strand runs of shipped versions; '{versionsPath}' was left unchanged.");
            return ExitCodes.BadInput;
        }

        if (shipped.Any(version => version.Version == compatibility.Version))
        {
            output.WriteLine($"Version {compatibility.Version} of {file.Name} is already recorded as shipped in {Path.GetFileName(versionsPath)}.");
            return ExitCodes.Complete;
        }

        string written = ShippedVersionsFile.Write(shipped.Select(version => version.Shape), WorkflowShape.From(document));
        string temporary = versionsPath + ".tmp";
        File.WriteAllText(temporary, written, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        File.Move(temporary, versionsPath, overwrite: true);
        output.WriteLine($"Recorded version {compatibility.Version} of {file.Name} as shipped in {Path.GetFileName(versionsPath)} ({shipped.Count + 1} version{(shipped.Count == 0 ? "" : "s")}); commit it.");
        return ExitCodes.Complete;
    }

    private static void Report(TextWriter error, string path, System.Collections.Generic.IEnumerable<WorkflowProblem> problems)
    {
        foreach (WorkflowProblem problem in problems)
        {
            string severity = WorkflowRules.IsError(problem.Id) ? "error" : "warning";
            error.WriteLine($"{path}({problem.Span.StartLine + 1},{problem.Span.StartColumn + 1}): {severity} {problem.Id}: {WorkflowRules.Message(problem)}");
        }
    }
}
