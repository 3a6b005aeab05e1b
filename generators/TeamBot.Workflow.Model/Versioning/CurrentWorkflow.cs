using System;
using System.Collections.Generic;
using System.Linq;
using TeamBot.Workflow.Model;

namespace TeamBot.Workflow.Versioning;

/// <summary>The current file's lookups that checking each shipped version needs.</summary>
internal sealed class CurrentWorkflow
{
    private readonly Dictionary<string, StageDefinition> _stages = new(StringComparer.Ordinal);
    private readonly Dictionary<string, StageMoveDefinition> _renamed = new(StringComparer.Ordinal);
    private readonly Dictionary<string, StageMoveDefinition> _removed = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ParallelGroupDefinition> _groups = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ParallelGroupDefinition> _groupOfMember = new(StringComparer.Ordinal);

    public CurrentWorkflow(WorkflowDocument document)
    {
        Document = document;
        Shape = WorkflowShape.From(document);
        foreach (StageDefinition stage in document.Stages)
        {
            if (!_stages.ContainsKey(stage.Key.Value))
            {
                _stages.Add(stage.Key.Value, stage);
            }
        }

        foreach (ParallelGroupDefinition group in document.ParallelGroups)
        {
            _groups[group.Name.Value] = group;
            foreach (Located<string> member in group.Stages)
            {
                _groupOfMember[member.Value] = group;
            }
        }

        MigrationsDefinition? migrations = document.Migrations;
        foreach (StageMoveDefinition rename in migrations?.Renamed ?? default)
        {
            _renamed[rename.From.Value] = rename;
        }

        foreach (StageMoveDefinition removal in migrations?.Removed ?? default)
        {
            _removed[removal.From.Value] = removal;
        }

        ResetIterations = (migrations?.ResetIterations ?? default).Select(loop => loop.Value).Where(_stages.ContainsKey).Distinct(StringComparer.Ordinal).ToList();
    }

    public WorkflowDocument Document { get; }

    public WorkflowShape Shape { get; }

    public List<string> ResetIterations { get; }

    public StageDefinition Stage(string key) => _stages[key];

    public ParallelGroupDefinition? Group(string name) => _groups.TryGetValue(name, out ParallelGroupDefinition? group) ? group : null;

    public ParallelGroupDefinition? GroupOf(string stage) => _groupOfMember.TryGetValue(stage, out ParallelGroupDefinition? group) ? group : null;

    public StageMoveDefinition? Removal(string key) => _removed.TryGetValue(key, out StageMoveDefinition? removal) ? removal : null;

    /// <summary>
    /// Where a shipped stage key leads: itself when the file still has it, else through <c>renamed</c> (a chain of
    /// them, as renames pile up over versions) to a stage, or to a <c>removed</c> entry's resume stage; else nowhere.
    /// </summary>
    public Image Resolve(string key)
    {
        var visited = new HashSet<string>(StringComparer.Ordinal);
        string at = key;
        while (visited.Add(at))
        {
            if (_stages.ContainsKey(at))
            {
                return new Image(ImageKind.Mapped, at);
            }

            if (_renamed.TryGetValue(at, out StageMoveDefinition? rename))
            {
                at = rename.To.Value;
                continue;
            }

            if (_removed.TryGetValue(at, out StageMoveDefinition? removal) && _stages.ContainsKey(removal.To.Value))
            {
                return new Image(ImageKind.Removed, removal.To.Value);
            }

            break;
        }

        return new Image(ImageKind.Gone, "");
    }
}

/// <summary>What a shipped stage key maps to.</summary>
internal enum ImageKind
{
    /// <summary>A current stage (the same key, or the key it was renamed to).</summary>
    Mapped,

    /// <summary>Removed: its runs resume at the target.</summary>
    Removed,

    /// <summary>Gone without a migration.</summary>
    Gone,
}

/// <summary>A shipped stage key's image in the current file.</summary>
internal sealed record Image(ImageKind Kind, string Target);
