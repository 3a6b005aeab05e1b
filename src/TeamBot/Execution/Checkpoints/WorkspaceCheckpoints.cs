using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using TeamBot.State;

namespace TeamBot.Execution.Checkpoints;

/// <summary>
/// Makes a stage's workspace changes reversible: before a piece of work that may write starts, the files its globs
/// cover are copied into the run folder (<c>.checkpoints/&lt;key&gt;/</c>); once its result is recorded the copy is
/// dropped. Work asked for again while its copy is still there (it was in flight when the run stopped, or it failed)
/// first gets those files back as they were, and loses the ones it had created, so it starts from the same workspace
/// as the first time: a resumed run's file tree is the one an uninterrupted run would have.
/// </summary>
internal sealed class WorkspaceCheckpoints(string workspace, string runDirectory, RunFileSystem files, ILogger logger)
{
    private const string ManifestName = "manifest";

    private string Folder { get; } = Path.Combine(runDirectory, ".checkpoints");

    /// <summary>Copies the files of <paramref name="globs"/> before the work starts, or puts them back when the work started before.</summary>
    /// <exception cref="RunStorageException">The copy or the restore cannot be written.</exception>
    public async Task BeginAsync(string key, IReadOnlyList<string> globs, CancellationToken cancellationToken)
    {
        string checkpoint = Path.Combine(Folder, key);
        RunFiles.EnsureNoLinks(runDirectory, checkpoint);
        try
        {
            await BeginCoreAsync(key, checkpoint, globs, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw RunFiles.Failed(checkpoint, ex);
        }
    }

    private async Task BeginCoreAsync(string key, string checkpoint, IReadOnlyList<string> globs, CancellationToken cancellationToken)
    {
        string manifest = Path.Combine(checkpoint, ManifestName);
        if (File.Exists(manifest))
        {
            await RestoreAsync(key, checkpoint, CheckpointManifest.Parse(await File.ReadAllTextAsync(manifest, cancellationToken).ConfigureAwait(false), manifest), cancellationToken).ConfigureAwait(false);
            return;
        }

        // A copy without its manifest was cut short before the work started: the workspace is still as it was then.
        if (Directory.Exists(checkpoint))
        {
            files.DeleteDirectory(checkpoint);
        }

        List<string> copied = await WorkspaceFiles.MatchingAsync(workspace, globs, runDirectory, cancellationToken).ConfigureAwait(false);
        foreach (string relative in copied)
        {
            string copy = Path.Combine(checkpoint, "files", relative);
            files.CreateDirectory(Path.GetDirectoryName(copy)!);
            files.Copy(Path.Combine(workspace, relative), copy, overwrite: false);
        }

        // Written last, and whole or not at all: its presence is what makes the copy count. It keeps the globs and the
        // workspace too, so a restore never reaches further than the copy did, even if stages.yaml changed meanwhile.
        await RunFiles.WriteAllTextAsync(files, runDirectory, manifest, new CheckpointManifest(Path.GetFullPath(workspace), [.. globs], [.. copied]).ToText(), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Drops the copy of work whose result is recorded.</summary>
    public void Discard(string key)
    {
        string checkpoint = Path.Combine(Folder, key);
        if (Directory.Exists(checkpoint))
        {
            RunFiles.Change(checkpoint, () => files.DeleteDirectory(checkpoint));
        }
    }

    /// <summary>Drops every copy but those of the work a session starts with: the others belong to work whose result
    /// was recorded just before the run stopped, and must not be taken for that work if it is asked for again later.</summary>
    public void DiscardAllBut(IReadOnlySet<string> keep)
    {
        if (!Directory.Exists(Folder))
        {
            return;
        }

        foreach (string checkpoint in Directory.EnumerateDirectories(Folder))
        {
            if (!keep.Contains(Path.GetFileName(checkpoint)))
            {
                RunFiles.Change(checkpoint, () => files.DeleteDirectory(checkpoint));
            }
        }
    }

    private async Task RestoreAsync(string key, string checkpoint, CheckpointManifest saved, CancellationToken cancellationToken)
    {
        if (!string.Equals(saved.Workspace, Path.GetFullPath(workspace), StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"The checkpoint '{checkpoint}' was taken of the workspace '{saved.Workspace}', not '{Path.GetFullPath(workspace)}': the work cannot be rolled back here. Resume from the workspace the run started in.");
        }

        var kept = new HashSet<string>(saved.Files, StringComparer.Ordinal);
        List<string> now = await WorkspaceFiles.MatchingAsync(workspace, saved.Globs, runDirectory, cancellationToken).ConfigureAwait(false);
        List<string> created = now.Where(relative => !kept.Contains(relative)).ToList();
        foreach (string relative in created)
        {
            files.Delete(WorkspaceFiles.Target(workspace, relative));
        }

        foreach (string relative in saved.Files)
        {
            string target = WorkspaceFiles.Target(workspace, relative);
            if (new FileInfo(target).LinkTarget is not null)
            {
                files.Delete(target); // the link itself, never what it points to
            }

            files.CreateDirectory(Path.GetDirectoryName(target)!);
            files.Copy(Path.Combine(checkpoint, "files", relative), target, overwrite: true);
        }

        Log.WorkspaceRolledBack(logger, key, saved.Files.Length, created.Count);
    }
}
