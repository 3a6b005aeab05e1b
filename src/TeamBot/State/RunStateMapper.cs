using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using TeamBot.Definitions;
using TeamBot.Rules;

namespace TeamBot.State;

/// <summary>Converts between the rules' <see cref="RunState{TStage}"/> and the state file's document.</summary>
/// <typeparam name="TStage">The generated stage enum.</typeparam>
public sealed class RunStateMapper<TStage>
    where TStage : struct, Enum
{
    private readonly IWorkflowDefinition<TStage> _workflow;

    /// <summary>Initializes a new instance of the <see cref="RunStateMapper{TStage}"/> class.</summary>
    public RunStateMapper(IWorkflowDefinition<TStage> workflow)
    {
        ArgumentNullException.ThrowIfNull(workflow);
        _workflow = workflow;
    }

    /// <summary>Reads a document into a state.</summary>
    /// <param name="document">The document.</param>
    /// <param name="location">Where it came from, for messages.</param>
    /// <exception cref="WorkflowStateException">The document names a stage the compiled workflow does not have.</exception>
    public RunState<TStage> ToState(OrchestrationStateDocument document, string location)
    {
        ArgumentNullException.ThrowIfNull(document);
        StateValidator.Validate(document, location, MaxDeclaredIterations);
        RunStatus status = RunStatusText.Parse(document.Status);
        TStage? current = document.CurrentStage is { } name ? Stage(name, location) : null;

        ImmutableHashSet<TStage> completed = document.CompletedStages is { } listed
            ? listed.Select(stage => Stage(stage, location)).ToImmutableHashSet()
            : LegacyCompleted(document, status, current, location);

        var groups = ImmutableDictionary.CreateBuilder<string, GroupState<TStage>>(StringComparer.Ordinal);
        foreach ((string group, GroupStatusEntry entry) in document.ParallelGroupStatus ?? [])
        {
            groups[group] = new GroupState<TStage>(entry.Stages.ToImmutableDictionary(
                member => Stage(member.Key, location),
                member => new MemberState(member.Value.Status switch { "completed" => MemberStatus.Completed, "failed" => MemberStatus.Failed, _ => MemberStatus.Pending }, member.Value.Error)));
        }

        return new RunState<TStage>
        {
            Status = status,
            CurrentStage = current,
            Completed = completed,
            Outputs = document.StageOutputs.ToImmutableDictionary(pair => Stage(pair.Key, location), pair => pair.Value),
            Groups = groups.ToImmutable(),
            ReviewIterations = (document.ReviewIterations ?? []).ToImmutableDictionary(pair => Stage(pair.Key, location), pair => pair.Value),
            ReviewAttempts = (document.ReviewAttempts ?? []).Select(attempt => new ReviewAttempt(attempt.Iteration, attempt.Work, attempt.Review, attempt.Approved)).ToImmutableList(),
            Acceptance = new AcceptanceState
            {
                Iterations = document.AcceptanceTestIterations,
                Passed = document.AcceptanceTestsPassed,
                Summary = document.AcceptanceTestSummary,
                History = document.AcceptanceTestHistory.Select(entry => new AcceptanceRun(entry.Iteration, entry.Passed, entry.Failed, entry.Total, entry.FixApplied, entry.FixSummary) { Report = entry.Report }).ToImmutableList(),
            },
            ToolCalls = (document.ToolCalls ?? []).ToImmutableDictionary(pair => Stage(pair.Key, location), pair => (pair.Value ?? []).OfType<ToolCallEntry>().Select(entry => entry.ToCall()).ToImmutableList()),
            Usage = Usage(document, location),
            Error = document.Error,
        };
    }

    /// <summary>Writes a state into a document, keeping the fields of <paramref name="previous"/> this runtime does not know.</summary>
    public OrchestrationStateDocument ToDocument(RunState<TStage> state, RunMetadata metadata, OrchestrationStateDocument? previous)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(metadata);
        var history = state.Acceptance.History.Select((run, i) =>
        {
            AcceptanceHistoryEntry? old = previous?.AcceptanceTestHistory.ElementAtOrDefault(i);
            return new AcceptanceHistoryEntry
            {
                Iteration = run.Iteration,
                Passed = run.Passed,
                Failed = run.Failed,
                Total = run.Total,
                AllPassed = run.AllPassed,
                FixApplied = run.FixApplied,
                FixSummary = run.FixSummary,
                Report = run.Report,
                Extra = old?.Iteration == run.Iteration ? old.Extra : null,
            };
        }).ToList();

        var outputs = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (TStage stage in _workflow.StageOrder)
        {
            if (state.Outputs.TryGetValue(stage, out string? output))
            {
                outputs[_workflow.GetStageName(stage)] = output;
            }
        }

        Dictionary<string, GroupStatusEntry>? groups = state.Groups.IsEmpty ? null : state.Groups.ToDictionary(
            group => group.Key,
            group => new GroupStatusEntry
            {
                Stages = group.Value.Members.OrderBy(member => member.Key).ToDictionary(
                    member => _workflow.GetStageName(member.Key),
                    member => new MemberStatusEntry { Status = member.Value.Status switch { MemberStatus.Completed => "completed", MemberStatus.Failed => "failed", _ => "pending" }, Error = member.Value.Error }),
                Extra = previous?.ParallelGroupStatus?.GetValueOrDefault(group.Key)?.Extra,
            });

        return new OrchestrationStateDocument
        {
            ObjectiveFile = metadata.ObjectiveFile,
            CurrentStage = state.CurrentStage is { } current ? _workflow.GetStageName(current) : null,
            ElapsedSeconds = Math.Round(metadata.Elapsed.TotalSeconds, 3),
            MaxSeconds = metadata.TimeBudget.TotalSeconds,
            Status = RunStatusText.ToText(state.Status),
            StagesConfigSource = metadata.StagesConfigSource,
            FeatureName = metadata.FeatureName,
            AcceptanceTestsPassed = state.Acceptance.Passed,
            AcceptanceTestIterations = state.Acceptance.Iterations,
            AcceptanceTestHistory = history,
            AcceptanceTestSummary = state.Acceptance.Summary,
            StageOutputs = outputs,
            ParallelGroupStatus = groups,
            CompletedStages = _workflow.StageOrder.Where(state.Completed.Contains).Select(_workflow.GetStageName).ToList(),
            ReviewIterations = state.ReviewIterations.IsEmpty ? null : _workflow.StageOrder.Where(state.ReviewIterations.ContainsKey).ToDictionary(_workflow.GetStageName, stage => state.ReviewIterations[stage]),
            ReviewAttempts = state.ReviewAttempts.IsEmpty ? null : state.ReviewAttempts.Select(attempt => new ReviewAttemptEntry { Iteration = attempt.Iteration, Work = attempt.Work, Review = attempt.Review, Approved = attempt.Approved }).ToList(),
            ToolCalls = state.ToolCalls.IsEmpty ? null : _workflow.StageOrder.Where(state.ToolCalls.ContainsKey).ToDictionary(_workflow.GetStageName, stage => state.ToolCalls[stage].Select(ToolCallEntry.From).ToList()),
            TokenUsage = state.Usage.IsEmpty ? null : state.Usage.Select(line => UsageEntry.From(line, _workflow.GetStageName(line.Stage))).ToList(),
            MaxTokens = metadata.Budget?.Tokens,
            MaxCost = metadata.Budget?.Cost,
            Prices = metadata.Budget is { Prices.IsDefaultOrEmpty: false } priced ? [.. priced.Prices.Select(PriceEntry.From)] : null,
            Error = state.Error,
            Agent = metadata.Agent is { } agent ? AgentEntry.From(agent) : previous?.Agent,
            WorkflowVersion = _workflow.Versioning.Version is { Length: > 0 } version ? version : null,
            Migrations = previous?.Migrations,
            Extra = previous?.Extra,
        };
    }

    /// <summary>
    /// The saved usage in the rules' order, one line per stage, agent and model: a hand-edited file, or a migration that
    /// gave two stages one name, may list them otherwise.
    /// </summary>
    private ImmutableList<UsageLine<TStage>> Usage(OrchestrationStateDocument document, string location) =>
        (document.TokenUsage ?? [])
            .GroupBy(line => (Stage: Stage(line.Stage!, location), line.Agent, line.Model))
            .Select(group => new UsageLine<TStage>(group.Key.Stage, group.Key.Agent, group.Key.Model, group.Aggregate(TokenUsage.Zero, (sum, line) => sum + line.Tokens), group.Sum(line => line.Calls ?? 0)))
            .OrderBy(line => line.Stage)
            .ThenBy(line => line.Agent, StringComparer.Ordinal)
            .ThenBy(line => line.Model, StringComparer.Ordinal)
            .ToImmutableList();

    /// <summary>
    /// The Python TeamBot kept no list of completed stages: every stage before <c>current_stage</c> had completed, and
    /// so had the group members <c>parallel_group_status</c> marks completed; a complete run completed them all.
    /// </summary>
    /// <summary>Gets the largest loop bound the workflow declares: a saved counter above it cannot be one the rules wrote.</summary>
    internal int MaxDeclaredIterations => _workflow.StageOrder.Max(stage => _workflow.GetStage(stage).MaxIterations ?? ExecutionPolicy.DefaultMaxIterations);

    private ImmutableHashSet<TStage> LegacyCompleted(OrchestrationStateDocument document, RunStatus status, TStage? current, string location)
    {
        if (status == RunStatus.Complete)
        {
            return _workflow.StageOrder.ToImmutableHashSet();
        }

        var completed = ImmutableHashSet.CreateBuilder<TStage>();
        ParallelGroupDescriptor<TStage>? currentGroup = current is { } currentStage ? _workflow.GetGroupOf(currentStage) : null;
        foreach (TStage stage in _workflow.StageOrder)
        {
            if (current is { } at && EqualityComparer<TStage>.Default.Equals(stage, currentGroup?.Stages[0] ?? at))
            {
                break;
            }

            completed.Add(stage);
        }

        foreach ((string _, GroupStatusEntry entry) in document.ParallelGroupStatus ?? [])
        {
            foreach ((string member, MemberStatusEntry memberStatus) in entry.Stages)
            {
                if (memberStatus.Status == "completed")
                {
                    completed.Add(Stage(member, location));
                }
            }
        }

        return completed.ToImmutable();
    }

    private TStage Stage(string name, string location) =>
        _workflow.TryGetStage(name, out TStage stage)
            ? stage
            : throw new WorkflowStateException($"The state in '{location}' names stage '{name}', which the compiled workflow '{_workflow.Name}' does not have. Resume it with the workflow that wrote it.");
}

/// <summary>What a state file records besides the rules' state.</summary>
/// <param name="ObjectiveFile">The objective file's path.</param>
/// <param name="FeatureName">The feature name.</param>
/// <param name="StagesConfigSource">Where the workflow came from.</param>
/// <param name="Elapsed">The time the run has taken over all its sessions.</param>
/// <param name="TimeBudget">The run's time budget.</param>
public sealed record RunMetadata(string ObjectiveFile, string FeatureName, string StagesConfigSource, TimeSpan Elapsed, TimeSpan TimeBudget)
{
    /// <summary>Gets the agent the run is carried out by, when the host says; recorded in the state.</summary>
    public RunAgent? Agent { get; init; }

    /// <summary>Gets the run's token and cost budget, recorded in the state; <see langword="null"/> for none.</summary>
    public RunBudget? Budget { get; init; }
}
