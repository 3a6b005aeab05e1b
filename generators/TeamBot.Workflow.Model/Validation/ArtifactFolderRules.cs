using System;
using System.Collections.Generic;
using System.Globalization;
using TeamBot.Workflow.Diagnostics;
using TeamBot.Workflow.Model;

namespace TeamBot.Workflow.Validation;

/// <summary>
/// TB0402: every artifact must name a file. The executor writes each artifact as a file under the run's artifacts
/// folder, so a path that names that folder, or any folder, passes the build and then fails in the middle of a run.
/// </summary>
internal static class ArtifactFolderRules
{
    /// <summary>TB0402's {2} for a path that resolves to the artifacts folder, such as <c>.</c> or <c>./</c>.</summary>
    public const string ArtifactsFolder = "the run's artifacts folder itself";

    /// <summary>TB0402's {2} for a path whose last part is no file name, such as <c>dir/</c> or <c>dir/.</c>.</summary>
    public const string Folder = "a folder (its last part is empty, '.', or only dots and spaces)";

    /// <summary>TB0402's {2} for a file that another artifact lies in; {0} is that artifact, {1} its stage.</summary>
    public const string FolderOfAnother = "a folder, since artifact '{0}' of stage '{1}' lies inside it";

    public static void Check(WorkflowIndex index, ProblemSink sink)
    {
        // Artifacts that name a file, by their normalized path, and the folders the files' paths pass through.
        var files = new List<(Located<string> Artifact, string Stage, string Normalized)>();
        var folders = new Dictionary<string, (string Artifact, string Stage)>(StringComparer.OrdinalIgnoreCase);
        foreach (StageDefinition stage in index.Document.Stages)
        {
            foreach (Located<string> artifact in stage.Artifacts)
            {
                // TB0401 has already rejected these; a second error on the same path would say nothing new.
                if (!PathRules.IsSafeRelativePath(artifact.Value))
                {
                    continue;
                }

                if (FolderReason(artifact.Value) is { } reason)
                {
                    sink.Report(RuleIds.ArtifactPathIsFolder, artifact.Span, artifact.Value, stage.Key.Value, reason);
                    continue;
                }

                string[] segments = Segments(artifact.Value);
                files.Add((artifact, stage.Key.Value, string.Join("/", segments)));
                for (int length = 1; length < segments.Length; length++)
                {
                    string folder = string.Join("/", segments, 0, length);
                    if (!folders.ContainsKey(folder))
                    {
                        folders.Add(folder, (artifact.Value, stage.Key.Value));
                    }
                }
            }
        }

        // Case-insensitive, since runs also happen on Windows and macOS, where 'Design' and 'design/' are the same entry.
        foreach ((Located<string> artifact, string stage, string normalized) in files)
        {
            if (folders.TryGetValue(normalized, out (string Artifact, string Stage) inside))
            {
                string reason = string.Format(CultureInfo.InvariantCulture, FolderOfAnother, inside.Artifact, inside.Stage);
                sink.Report(RuleIds.ArtifactPathIsFolder, artifact.Span, artifact.Value, stage, reason);
            }
        }
    }

    /// <summary>Why <paramref name="path"/> names no file, or <see langword="null"/> when it names one.</summary>
    /// <remarks>
    /// A last part of only dots and spaces counts as a folder too: Windows drops trailing dots and spaces from a name,
    /// so <c>dir/...</c> or <c>dir/ </c> would be the folder there.
    /// </remarks>
    internal static string? FolderReason(string path)
    {
        string[] segments = path.Split('/', '\\');
        if (Array.TrueForAll(segments, segment => segment.Length == 0 || segment == "."))
        {
            return ArtifactsFolder;
        }

        return segments[segments.Length - 1].Trim('.', ' ').Length == 0 ? Folder : null;
    }

    /// <summary>The parts of a file path that name something: empty parts and <c>.</c> change nothing.</summary>
    private static string[] Segments(string path) =>
        Array.FindAll(path.Split('/', '\\'), segment => segment.Length > 0 && segment != ".");
}
