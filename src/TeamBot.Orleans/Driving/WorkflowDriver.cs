using System;
using System.IO;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using TeamBot.Agents;
using TeamBot.Definitions;
using TeamBot.Execution;
using TeamBot.Orleans.Contracts;
using TeamBot.State;

namespace TeamBot.Orleans.Driving;

/// <summary>The driver for one generated workflow: the only place that knows <typeparamref name="TStage"/>.</summary>
internal sealed class WorkflowDriver<TStage> : IWorkflowDriver
    where TStage : struct, Enum
{
    private readonly IWorkflowDefinition<TStage> _workflow;
    private readonly AgentRegistry _agents;
    private readonly WorkflowRunnerOptions _options;
    private readonly ExecutionRules<TStage> _rules;
    private readonly RunStateMapper<TStage> _mapper;
    private readonly JournalEventMapper<TStage> _events;
    private readonly ILogger _logger;

    public WorkflowDriver(IWorkflowDefinition<TStage> workflow, AgentRegistry agents, WorkflowRunnerOptions options, string runsDirectory)
    {
        _workflow = workflow;
        _agents = agents;
        _options = options;
        _rules = new ExecutionRules<TStage>(workflow, options.Policy);
        _mapper = new RunStateMapper<TStage>(workflow);
        _events = new JournalEventMapper<TStage>(workflow);
        _logger = options.LoggerFactory.CreateLogger("TeamBot.Orleans");
        RunsDirectory = Path.GetFullPath(runsDirectory);
    }

    public string WorkflowName => _workflow.Name;

    public string RunsDirectory { get; }

    public RunMachine Open(string runId, RunSubmission submission, OrchestrationStateDocument? saved)
    {
        RunState<TStage> state = saved is null ? new RunState<TStage>() : _mapper.ToState(saved, $"run '{runId}'");
        var metadata = new RunMetadata(submission.SourcePath, submission.FeatureName, _options.StagesConfigSource ?? _workflow.SourceFileName, TimeSpan.FromSeconds(saved?.ElapsedSeconds ?? 0), _options.TimeBudget);
        return new WorkflowRunMachine<TStage>(_workflow, _rules, _mapper, _events, runId, submission, metadata, state, saved);
    }

    public async Task<JournalEntry> RunWorkAsync(WorkItem item, CancellationToken cancellationToken)
    {
        OrchestrationStateDocument document = JsonSerializer.Deserialize(item.StateJson, StateJsonContext.Default.OrchestrationStateDocument)
            ?? throw new InvalidOperationException($"Work item for run '{item.RunId}' carries no state.");
        RunState<TStage> state = _mapper.ToState(document, $"run '{item.RunId}'");
        string artifacts = Path.Combine(RunsDirectory, item.RunId, "artifacts");
        var work = new StageWork<TStage>(_workflow, _agents, _options, item.Submission.ToObjective(), artifacts, _logger, () => state);
        ExecutionEvent<TStage> result = await work.StartAsync(Command(item), cancellationToken).ConfigureAwait(false)
            ?? throw new OperationCanceledException($"The work on {item.Stage} for run '{item.RunId}' was cancelled.");
        return _events.ToEntry(result, 0, TimeSpan.Zero);
    }

    private ExecutionCommand<TStage> Command(WorkItem item)
    {
        TStage stage = _workflow.TryGetStage(item.Stage, out TStage found) ? found : throw new InvalidOperationException($"Workflow '{_workflow.Name}' has no stage '{item.Stage}'.");
        return item.Kind switch
        {
            WorkKinds.Work => new RunStageWork<TStage>(stage),
            WorkKinds.ReviewWork => new RunReviewWork<TStage>(stage, item.Iteration, item.Text, item.SecondText),
            WorkKinds.Review => new RunReview<TStage>(stage, item.Iteration, item.Text ?? ""),
            WorkKinds.AcceptanceTests => new RunAcceptanceTests<TStage>(stage, item.Iteration),
            WorkKinds.Fix => new FixAcceptanceFailures<TStage>(stage, item.Iteration, item.Text ?? ""),
            _ => throw new InvalidOperationException($"Unknown work kind '{item.Kind}'."),
        };
    }
}
