using System;
using System.Collections.Generic;
using TeamBot.Workflow.Model;

namespace TeamBot.Workflow.Validation;

/// <summary>Lookups over a <see cref="WorkflowDocument"/> that several rules need.</summary>
internal sealed class WorkflowIndex
{
    public WorkflowIndex(WorkflowDocument document)
    {
        Document = document;
        foreach (StageDefinition stage in document.Stages)
        {
            if (!StagesByKey.ContainsKey(stage.Key.Value))
            {
                StagesByKey.Add(stage.Key.Value, stage);
            }
        }

        for (int i = 0; i < document.StageOrder.Count; i++)
        {
            string key = document.StageOrder[i].Value;
            if (StagesByKey.TryGetValue(key, out StageDefinition? stage) && !Positions.ContainsKey(key))
            {
                Positions.Add(key, Ordered.Count);
                Ordered.Add(stage);
            }
        }
    }

    public WorkflowDocument Document { get; }

    public Dictionary<string, StageDefinition> StagesByKey { get; } = new(StringComparer.Ordinal);

    /// <summary>Gets the position of each known stage's first entry in stage_order, counting known stages only.</summary>
    public Dictionary<string, int> Positions { get; } = new(StringComparer.Ordinal);

    /// <summary>Gets the known stages in stage_order, each once.</summary>
    public List<StageDefinition> Ordered { get; } = [];

    public IEnumerable<string> StageKeys => StagesByKey.Keys;

    public bool IsLast(StageDefinition stage) => Ordered.Count > 0 && ReferenceEquals(Ordered[Ordered.Count - 1], stage);
}
