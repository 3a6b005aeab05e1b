using System;
using System.Collections.Generic;
using System.CommandLine;
using System.IO;
using System.Text;
using TeamBot.Hosting;
using TeamBot.Workflow;
using TeamBot.Workflow.Diagnostics;
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

        string versionsPath = ShippedVersionsFile.PathFor(file.FullName);
        ShipOutcome outcome = WorkflowShipping.Ship(File.ReadAllText(file.FullName), File.Exists(versionsPath) ? File.ReadAllText(versionsPath) : null);
        if (outcome.VersionsProblems.Count > 0)
        {
            Report(error, versionsPath, outcome.VersionsProblems);
            error.WriteLine($"'{versionsPath}' was left unchanged.");
            return ExitCodes.BadInput;
        }

        if (outcome.WorkflowProblems.Count > 0)
        {
            Report(error, file.FullName, outcome.WorkflowProblems);
            error.WriteLine(outcome.Version.Length == 0
                ? "A workflow with errors cannot be shipped; fix them first."
                : $"Version {outcome.Version} would strand runs of shipped versions; '{versionsPath}' was left unchanged.");
            return ExitCodes.BadInput;
        }

        if (outcome.NewText is not { } text)
        {
            output.WriteLine($"Version {outcome.Version} of {file.Name} is already recorded as shipped in {Path.GetFileName(versionsPath)}.");
            return ExitCodes.Complete;
        }

        Write(versionsPath, text);
        output.WriteLine($"Recorded version {outcome.Version} of {file.Name} as shipped in {Path.GetFileName(versionsPath)} ({outcome.VersionCount} version{(outcome.VersionCount == 1 ? "" : "s")}); commit it.");
        return ExitCodes.Complete;
    }

    /// <summary>Writes beside the file and renames over it, so a crash leaves the old file or the new one.</summary>
    private static void Write(string path, string text)
    {
        string temporary = path + ".tmp";
        File.WriteAllText(temporary, text, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        File.Move(temporary, path, overwrite: true);
    }

    private static void Report(TextWriter error, string path, IEnumerable<WorkflowProblem> problems)
    {
        foreach (WorkflowProblem problem in problems)
        {
            error.WriteLine($"{path}({problem.Span.StartLine + 1},{problem.Span.StartColumn + 1}): error {problem.Id}: {WorkflowRules.Message(problem)}");
        }
    }
}
