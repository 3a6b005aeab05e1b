using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using TeamBot.Definitions;

namespace TeamBot.Tests.Fakes;

/// <summary>
/// A compiled workflow reporting another version, and optionally saving some stages under other keys: an earlier
/// shipped version of it, as the generator would have compiled it, for migration tests.
/// </summary>
internal sealed class VersionedWorkflow<TStage>(IWorkflowDefinition<TStage> inner, WorkflowVersioning versioning, IReadOnlyDictionary<string, string>? oldKeys = null)
    : IWorkflowDefinition<TStage>
    where TStage : struct, Enum
{
    private readonly IReadOnlyDictionary<string, string> _oldKeys = oldKeys ?? new Dictionary<string, string>(StringComparer.Ordinal);

    public string Name => inner.Name;

    public string SourceFileName => inner.SourceFileName;

    public ImmutableArray<TStage> StageOrder => inner.StageOrder;

    public ImmutableArray<StageDescriptor<TStage>> Stages => inner.Stages;

    public ImmutableArray<ParallelGroupDescriptor<TStage>> ParallelGroups => inner.ParallelGroups;

    public ImmutableArray<ReviewMapping<TStage>> ReviewMappings => inner.ReviewMappings;

    public string MermaidGraph => inner.MermaidGraph;

    public WorkflowVersioning Versioning => versioning;

    /// <summary>Gets this version's stage keys in order, as a migration from it lists them.</summary>
    public ImmutableArray<string> Keys => [.. StageOrder.Select(GetStageName)];

    public StageDescriptor<TStage> GetStage(TStage stage) => inner.GetStage(stage);

    public ImmutableArray<TStage> GetNextStages(TStage stage) => inner.GetNextStages(stage);

    public ParallelGroupDescriptor<TStage>? GetGroupTriggeredBy(TStage stage) => inner.GetGroupTriggeredBy(stage);

    public ParallelGroupDescriptor<TStage>? GetGroupOf(TStage stage) => inner.GetGroupOf(stage);

    public TStage? GetReviewStage(TStage workStage) => inner.GetReviewStage(workStage);

    public TStage? GetWorkStage(TStage reviewStage) => inner.GetWorkStage(reviewStage);

    public string GetStageName(TStage stage) =>
        inner.GetStageName(stage) is var key && _oldKeys.TryGetValue(key, out string? old) ? old : key;

    public bool TryGetStage(string name, out TStage stage)
    {
        string? current = _oldKeys.FirstOrDefault(pair => pair.Value == name).Key;
        if (current is null && _oldKeys.ContainsKey(name))
        {
            stage = default;
            return false; // the key this version does not use
        }

        return inner.TryGetStage(current ?? name, out stage);
    }
}
