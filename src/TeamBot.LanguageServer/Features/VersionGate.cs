using System;
using System.Collections.Concurrent;
using System.IO;
using System.Linq;
using TeamBot.Workflow;
using TeamBot.Workflow.Diagnostics;
using TeamBot.Workflow.Model;
using TeamBot.Workflow.Versioning;

namespace TeamBot.LanguageServer.Features;

/// <summary>
/// The build's compatibility gate in the editor: a valid workflow saved in a folder is checked against the versions file
/// beside it on disk, as the generator checks it, so TB0601-TB0603 show while typing.
/// </summary>
internal static class VersionGate
{
    /// <summary>The command the "record as shipped" action runs (<c>workspace/executeCommand</c>).</summary>
    public const string ShipCommand = "teambot.workflow.ship";

    // The versions file changes only on a release: read once per write, not once per keystroke.
    private static readonly ConcurrentDictionary<string, (DateTime Written, long Length, EquatableArray<ShippedVersion> Versions, bool Readable)> Files = new(StringComparer.Ordinal);

    /// <summary>The gate for the workflow at <paramref name="uri"/>, or <see langword="null"/> when it is not a saved, valid file.</summary>
    public static VersionGateState? Check(string uri, WorkflowAnalysis analysis)
    {
        if (analysis.Document is not { } document || analysis.HasErrors() || LocalPath(uri) is not { } path)
        {
            return null;
        }

        string versionsPath = ShippedVersionsFile.PathFor(path);
        (EquatableArray<ShippedVersion> versions, bool readable) = Read(versionsPath);
        CompatibilityResult result = WorkflowCompatibility.Check(document, readable ? versions : default);
        return new VersionGateState(versionsPath, result.Version, readable, versions.Any(version => version.Version == result.Version), readable ? result.Problems : default);
    }

    /// <summary>Forgets what was read of <paramref name="versionsPath"/>, after writing it.</summary>
    public static void Forget(string versionsPath) => Files.TryRemove(versionsPath, out _);

    /// <summary>The file path of a <c>file:</c> URI whose folder exists.</summary>
    public static string? LocalPath(string uri) =>
        Uri.TryCreate(uri, UriKind.Absolute, out Uri? parsed) && parsed.IsFile && Path.GetDirectoryName(parsed.LocalPath) is { } directory && Directory.Exists(directory)
            ? parsed.LocalPath
            : null;

    private static (EquatableArray<ShippedVersion> Versions, bool Readable) Read(string path)
    {
        var file = new FileInfo(path);
        if (!file.Exists)
        {
            return (default, true);
        }

        if (Files.TryGetValue(path, out var cached) && cached.Written == file.LastWriteTimeUtc && cached.Length == file.Length)
        {
            return (cached.Versions, cached.Readable);
        }

        try
        {
            (EquatableArray<ShippedVersion> versions, EquatableArray<WorkflowProblem> problems) = ShippedVersionsFile.Parse(File.ReadAllText(path));

            // A broken versions file is the build's to report, in that file (TB0606, TB0607): the gate waits for it.
            Files[path] = (file.LastWriteTimeUtc, file.Length, versions, problems.Count == 0);
            return (versions, problems.Count == 0);
        }
        catch (IOException)
        {
            return (default, false);
        }
        catch (UnauthorizedAccessException)
        {
            return (default, false);
        }
    }
}

/// <summary>The gate's view of one workflow: where its versions file is, its version, and what the gate found.</summary>
/// <param name="VersionsPath">The versions file beside the workflow.</param>
/// <param name="Version">The workflow's version id.</param>
/// <param name="Readable">Whether the versions file is absent or readable.</param>
/// <param name="Shipped">Whether the version is recorded as shipped.</param>
/// <param name="Problems">TB0601-TB0603 for this text.</param>
internal sealed record VersionGateState(string VersionsPath, string Version, bool Readable, bool Shipped, EquatableArray<WorkflowProblem> Problems);
