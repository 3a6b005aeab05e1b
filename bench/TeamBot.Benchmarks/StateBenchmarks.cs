using System;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using TeamBot.Execution;
using TeamBot.Rules;
using TeamBot.State;

namespace TeamBot.Benchmarks;

/// <summary>The state file: an atomic save of a large state, loading each legacy file, and the resume decision of a big run.</summary>
[MemoryDiagnoser]
public class StateBenchmarks
{
    private static readonly string LegacyDirectory = Path.Combine(BenchInputs.RepoRoot, "..", "shared", "fixtures", "legacy-state");
    private FileStateStore _store = null!;
    private OrchestrationStateDocument _largest = null!;
    private OrchestrationStateDocument _resume3000 = null!;
    private FileStateStore _legacy = null!;

    /// <summary>Gets or sets the legacy state file to load (from ../shared, beside the checkout).</summary>
    [Params("copilot-sdk.json", "mid-group-failed.json", "notification-ux-improvements.json", "parallel-stage-groups.json", "shared-context.json")]
    public string Legacy { get; set; } = "shared-context.json";

    [GlobalSetup]
    public void Setup()
    {
        string directory = Path.Combine(Path.GetTempPath(), "teambot-bench-state", Guid.NewGuid().ToString("N"));
        _store = new FileStateStore(Path.Combine(directory, "save"));
        string legacyRun = Path.Combine(directory, "legacy");
        Directory.CreateDirectory(legacyRun);
        File.Copy(Path.Combine(LegacyDirectory, Legacy), Path.Combine(legacyRun, FileStateStore.StateFileName));
        _legacy = new FileStateStore(legacyRun);
        _largest = JsonSerializer.Deserialize(File.ReadAllBytes(Path.Combine(LegacyDirectory, "shared-context.json")), StateJsonContext.Default.OrchestrationStateDocument)!;

        // A 3000-stage run that stopped halfway through, inside its 50-member group.
        var mapper = new RunStateMapper<LargeStage>(Large.Definition);
        var state = new RunState<LargeStage>
        {
            CurrentStage = LargeStage.Stage01500,
            Completed = Large.Definition.StageOrder.Take(1510).ToImmutableHashSet(),
            Outputs = Large.Definition.StageOrder.Take(1510).ToImmutableDictionary(stage => stage, stage => $"output of {stage}"),
        };
        _resume3000 = mapper.ToDocument(state, new RunMetadata("objective.md", "large", "large.stages.yaml", TimeSpan.FromHours(1), TimeSpan.FromHours(8)), null);
    }

    /// <summary>Saves the largest legacy state (70 KB) atomically: temporary file, flush to disk, rename.</summary>
    [Benchmark]
    public ValueTask SaveLargestStateAtomically() => _store.SaveAsync(_largest, CancellationToken.None);

    /// <summary>Loads a legacy state file and maps it onto the compiled workflow.</summary>
    [Benchmark]
    public async Task<int> LoadLegacyState()
    {
        OrchestrationStateDocument document = (await _legacy.LoadAsync(CancellationToken.None))!;
        return new RunStateMapper<DeliveryStage>(Delivery.Definition).ToState(document, _legacy.StatePath).Completed.Count;
    }

    /// <summary>Maps a 3000-stage state and decides where to resume: the group's 40 unfinished members.</summary>
    [Benchmark]
    public int ResumeDecision3000Stages()
    {
        RunState<LargeStage> state = new RunStateMapper<LargeStage>(Large.Definition).ToState(_resume3000, "bench");
        Decision<LargeStage> decision = new ExecutionRules<LargeStage>(Large.Definition).Decide(state, new RunStarted<LargeStage>());
        return decision.Commands.OfType<RunGroupMembers<LargeStage>>().Single().Members.Length;
    }
}
