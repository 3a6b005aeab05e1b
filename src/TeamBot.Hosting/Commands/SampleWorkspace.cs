using System;
using System.IO;
using System.Linq;
using System.Reflection;
using TeamBot.State;

namespace TeamBot.Hosting.Commands;

/// <summary>
/// The workspace the offline agent edits: a small sample project copied into the run's own folder, so the demo shows
/// file edits and their rollback without touching the user's checkout, and nothing is written outside the run's folder.
/// </summary>
internal static class SampleWorkspace
{
    private const string Prefix = "SampleWorkspace/";

    /// <summary>The name of the sample's folder in the run's folder.</summary>
    public const string FolderName = "workspace";

    /// <summary>
    /// The run's sample workspace, copied in first if the run has none. A resumed run keeps the one it edited; one that
    /// was started over (<c>--restart</c>) had it cleared with the rest of its folder.
    /// </summary>
    public static string Prepare(string runDirectory, RunFileSystem files)
    {
        string workspace = Path.Combine(runDirectory, FolderName);
        if (Directory.Exists(workspace))
        {
            return workspace;
        }

        // Copied beside it and then moved into place: a copy cut short is never taken for the sample, and is removed
        // the next time (the caller holds the run's lock, so no other copy is under way).
        foreach (string leftover in Directory.EnumerateDirectories(runDirectory, $".{FolderName}.*.tmp"))
        {
            files.DeleteDirectory(leftover);
        }

        string partial = Path.Combine(runDirectory, $".{FolderName}.{Guid.NewGuid():N}.tmp");
        Assembly assembly = typeof(SampleWorkspace).Assembly;
        foreach (string name in assembly.GetManifestResourceNames().Where(name => name.StartsWith(Prefix, StringComparison.Ordinal)))
        {
            string target = Path.Combine(partial, name[Prefix.Length..].Replace('\\', '/'));
            files.CreateDirectory(Path.GetDirectoryName(target)!);
            using Stream source = assembly.GetManifestResourceStream(name)!;
            using Stream file = files.CreateNew(target);
            source.CopyTo(file);
        }

        files.MoveDirectory(partial, workspace);
        return workspace;
    }
}
