using System;
using System.Linq;
using TeamBot.State;

namespace TeamBot.Execution.Checkpoints;

/// <summary>What a checkpoint holds: the workspace it was taken of, the globs it covers and the files it copied.</summary>
internal sealed record CheckpointManifest(string Workspace, string[] Globs, string[] Files)
{
    // Fields and list items are separated by characters no path or glob holds.
    private const char Field = '\n';
    private const char Item = '\0';

    public string ToText() => string.Join(Field, Workspace, string.Join(Item, Globs), string.Join(Item, Files));

    /// <exception cref="WorkflowStateException">The manifest is not one this runtime wrote, or names a path that leaves the workspace.</exception>
    public static CheckpointManifest Parse(string text, string location)
    {
        string[] fields = text.Split(Field);
        if (fields.Length != 3 || fields[0].Length == 0)
        {
            throw new WorkflowStateException($"The checkpoint manifest '{location}' is not one TeamBot wrote. It was left unchanged; delete its folder to run the work on the workspace as it is.");
        }

        string[] files = fields[2].Split(Item, StringSplitOptions.RemoveEmptyEntries);
        if (files.FirstOrDefault(file => !WorkspaceFiles.IsSafeRelative(file)) is { } unsafePath)
        {
            throw new WorkflowStateException($"The checkpoint manifest '{location}' names '{unsafePath}', which leaves the workspace. It was left unchanged.");
        }

        return new CheckpointManifest(fields[0], fields[1].Split(Item, StringSplitOptions.RemoveEmptyEntries), files);
    }
}
