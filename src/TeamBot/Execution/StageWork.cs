using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using TeamBot.AcceptanceTests;
using TeamBot.Agents;
using TeamBot.Definitions;
using TeamBot.Execution.Checkpoints;
using TeamBot.Objectives;
using TeamBot.Rules;
using TeamBot.State;
using TeamBot.Telemetry;

namespace TeamBot.Execution;

/// <summary>
/// Carries out the commands that call agents: builds each stage's context, applies the stage's time limit, writes
/// artifacts, and turns the outcome (or the failure) into the event the rules expect.
/// </summary>
internal sealed class StageWork<TStage>
    where TStage : struct, Enum
{
    private readonly IWorkflowDefinition<TStage> _workflow;
    private readonly AgentRegistry _agents;
    private readonly WorkflowRunnerOptions _options;
    private readonly Objective _objective;
    private readonly string _artifactsDirectory;
    private readonly string _workingDirectory;
    private readonly IRunFence? _fence;
    private readonly ProgressReporter<TStage> _reporter;
    private readonly WorkspaceCheckpoints _checkpoints;
    private readonly BudgetGuard _budget;
    private readonly ILogger _logger;

    public StageWork(IWorkflowDefinition<TStage> workflow, AgentRegistry agents, WorkflowRunnerOptions options, Objective objective, string workingDirectory, string artifactsDirectory, IRunFence? fence, ProgressReporter<TStage> reporter, WorkspaceCheckpoints checkpoints, BudgetGuard budget, ILogger logger)
    {
        _budget = budget;
        _workflow = workflow;
        _agents = agents;
        _options = options;
        _objective = objective;
        _artifactsDirectory = artifactsDirectory;
        _workingDirectory = workingDirectory;
        _fence = fence;
        _reporter = reporter;
        _checkpoints = checkpoints;
        _logger = logger;
    }

    /// <summary>Runs the command's work; <see langword="null"/> when the run was cancelled meanwhile.</summary>
    /// <param name="command">The work.</param>
    /// <param name="state">The state of the decision that asked for it: the agents' context comes from it alone, so the
    /// same decision always gives the same context, however the work is scheduled.</param>
    /// <param name="runToken">Cancelled when the run stops.</param>
    /// <exception cref="RunFencedException">Another session took the run over: the work's result must not be used.</exception>
    public async Task<ExecutionEvent<TStage>?> StartAsync(AgentCommand<TStage> command, RunState<TStage> state, CancellationToken runToken)
    {
        StageContext context = BaseContext(command, state);
        TStage stage = command.Stage;
        StageDescriptor<TStage> descriptor = _workflow.GetStage(stage);
        using Activity? activity = WorkflowTelemetry.ActivitySource.StartActivity("teambot.stage");
        activity?.SetTag("teambot.stage", descriptor.Key);
        activity?.SetTag("teambot.group", _workflow.GetGroupOf(stage)?.Name);
        long started = _options.TimeProvider.GetTimestamp();
        // Most stages have no time limit and need no token source of their own: two allocations fewer per stage.
        using CancellationTokenSource? limit = descriptor.Timeout is { } timeout ? new CancellationTokenSource(timeout, _options.TimeProvider) : null;
        using CancellationTokenSource? linked = limit is null ? null : CancellationTokenSource.CreateLinkedTokenSource(runToken, limit.Token);
        string outcome = "failed";
        var usage = new CallUsage();
        try
        {
            await Task.Yield();
            if (descriptor.Permissions is { MayWrite: true } permissions && CheckpointKey.Of(_workflow, command) is { } checkpoint)
            {
                await FenceAsync(runToken).ConfigureAwait(false);
                await _checkpoints.BeginAsync(checkpoint, [.. permissions.AllWritable()], runToken).ConfigureAwait(false);
            }

            ExecutionEvent<TStage> result = await RunAsync(command, descriptor, context, state, usage, linked?.Token ?? runToken).ConfigureAwait(false);
            outcome = result is StageFailed<TStage> ? "failed" : "completed";
            return result with { Usage = usage.ToArray() };
        }
        catch (BudgetRefusedException ex)
        {
            // Not the stage's failure: the call was never made, and a resume with a larger budget makes it.
            outcome = "budget_exceeded";
            Log.BudgetExceeded(_logger, descriptor.Key, ex.Message);
            return new BudgetExhausted<TStage>(ex.Message) { Usage = usage.ToArray() };
        }
        catch (OperationCanceledException) when (runToken.IsCancellationRequested)
        {
            outcome = "cancelled";
            return null;
        }
        catch (OperationCanceledException) when (limit?.IsCancellationRequested == true)
        {
            string error = $"timed out after {descriptor.Timeout}";
            Log.StageFailed(_logger, descriptor.Key, error);
            return new StageFailed<TStage>(stage, error, TimedOut: true) { Usage = usage.ToArray() };
        }
#pragma warning disable CA1031 // An agent's failure is the stage's failure, recorded and reported, never the runner's crash;
        // a file the run cannot write stops the run instead, as a failed save does: it is no fault of the work.
        catch (Exception ex) when (ex is not (RunFencedException or RunStorageException))
#pragma warning restore CA1031
        {
            Log.StageFailed(_logger, descriptor.Key, ex.Message);
            return new StageFailed<TStage>(stage, $"{ex.GetType().Name}: {ex.Message}") { Usage = usage.ToArray() };
        }
        finally
        {
            WorkflowTelemetry.StageDuration.Record(
                _options.TimeProvider.GetElapsedTime(started).TotalSeconds,
                new KeyValuePair<string, object?>("teambot.stage", descriptor.Key),
                new KeyValuePair<string, object?>("teambot.outcome", outcome));
        }
    }

    private async Task<ExecutionEvent<TStage>> RunAsync(AgentCommand<TStage> command, StageDescriptor<TStage> descriptor, StageContext context, RunState<TStage> state, CallUsage usage, CancellationToken cancellationToken)
    {
        TStage stage = descriptor.Stage;
        switch (command)
        {
            case RunStageWork<TStage>:
                (string output, ImmutableArray<ToolCall> calls) = await WorkAsync(descriptor, AgentTask.Work, context, usage, cancellationToken).ConfigureAwait(false);
                return new StageSucceeded<TStage>(stage, output) { ToolCalls = calls };

            case RunReviewWork<TStage> review:
                AgentResponse work = await CallAsync(descriptor, descriptor.WorkAgent ?? Reviewer(descriptor), AgentTask.ReviseWork, context, usage, cancellationToken).ConfigureAwait(false);
                return new ReviewWorkDone<TStage>(stage, review.Iteration, work.Output) { ToolCalls = work.ToolCalls };

            case RunReview<TStage> review:
                AgentResponse verdict = await CallAsync(descriptor, Reviewer(descriptor), AgentTask.Review, context with { WorkToReview = review.Work }, usage, cancellationToken).ConfigureAwait(false);
                bool approved = (verdict.Verdict ?? ReviewVerdicts.FromText(verdict.Output)) == ReviewVerdict.Approved;
                return new ReviewVerdictGiven<TStage>(stage, review.Iteration, approved, verdict.Output) { ToolCalls = verdict.ToolCalls };

            case RunAcceptanceTests<TStage> tests:
                return await AcceptanceTestsAsync(descriptor, tests.Iteration, context, state, usage, cancellationToken).ConfigureAwait(false);

            case FixAcceptanceFailures<TStage> { MissingScenarios: true } fix:
                (StageDescriptor<TStage> specStage, string owner) = SpecOwner(descriptor);
                AgentResponse added = await CallAsync(descriptor, owner, AgentTask.AddAcceptanceScenarios, context with { AcceptanceFailures = fix.Report, RequiredArtifacts = [_options.SpecArtifact] }, usage, cancellationToken, artifactsOf: specStage).ConfigureAwait(false);
                return new AcceptanceFixApplied<TStage>(stage, fix.Iteration, added.Output) { ToolCalls = added.ToolCalls };

            case FixAcceptanceFailures<TStage> fix:
                AgentResponse fixResponse = await CallAsync(descriptor, WorkAgent(descriptor), AgentTask.FixAcceptanceFailures, context with { AcceptanceFailures = fix.Report }, usage, cancellationToken).ConfigureAwait(false);
                return new AcceptanceFixApplied<TStage>(stage, fix.Iteration, fixResponse.Output) { ToolCalls = fixResponse.ToolCalls };

            default:
                throw new InvalidOperationException($"The runner cannot carry out {command.GetType().Name}.");
        }
    }

    /// <summary>The stage's work, on its parallel agents at once when it has them, their outputs (and tool calls) merged in
    /// the declared order of the agents, whichever finished first.</summary>
    private async Task<(string Output, ImmutableArray<ToolCall> ToolCalls)> WorkAsync(StageDescriptor<TStage> descriptor, AgentTask task, StageContext context, CallUsage usage, CancellationToken cancellationToken)
    {
        if (descriptor.ParallelAgents.IsEmpty)
        {
            AgentResponse response = await CallAsync(descriptor, WorkAgent(descriptor), task, context, usage, cancellationToken).ConfigureAwait(false);
            return (response.Output, response.ToolCalls);
        }

        // The agents' artifacts are written once all have answered, merged in the declared order of the agents: written
        // as each finished, the same artifact would hold whichever agent happened to finish last. The budget is held for
        // all of them first: either all are called or none is.
        using BudgetGuard.Hold hold = _budget.Reserve(descriptor.Key, descriptor.MaxTokensPerCall, descriptor.ParallelAgents.Length);
        AgentResponse[] responses = await Task.WhenAll(descriptor.ParallelAgents.Select(agent => CallAsync(descriptor, agent, task, context, usage, cancellationToken, writeArtifacts: false, held: hold))).ConfigureAwait(false);
        await FenceAsync(cancellationToken).ConfigureAwait(false);
        await WriteArtifactsAsync(descriptor, MergeArtifacts(descriptor.ParallelAgents, responses), cancellationToken).ConfigureAwait(false);
        return (Merge(descriptor.ParallelAgents, responses.Select(response => response.Output).ToArray()), [.. responses.SelectMany(response => response.ToolCalls)]);
    }

    /// <summary>Each artifact as its one author wrote it, or, when several wrote it, their versions under their names.</summary>
    private static Dictionary<string, string> MergeArtifacts(ImmutableArray<string> agents, AgentResponse[] responses)
    {
        var merged = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string artifact in responses.SelectMany(response => response.Artifacts.Keys).Distinct(StringComparer.Ordinal))
        {
            int[] authors = Enumerable.Range(0, responses.Length).Where(i => responses[i].Artifacts.ContainsKey(artifact)).ToArray();
            merged[artifact] = authors.Length == 1
                ? responses[authors[0]].Artifacts[artifact]
                : Merge(authors.Select(i => agents[i]).ToImmutableArray(), authors.Select(i => responses[i].Artifacts[artifact]).ToArray());
        }

        return merged;
    }

    private static string Merge(ImmutableArray<string> agents, string[] texts)
    {
        var merged = new StringBuilder();
        for (int i = 0; i < texts.Length; i++)
        {
            merged.Append("## ").Append(agents[i]).Append("\n\n").Append(texts[i].TrimEnd()).Append("\n\n");
        }

        return merged.ToString().TrimEnd() + "\n";
    }

    private async Task<ExecutionEvent<TStage>> AcceptanceTestsAsync(StageDescriptor<TStage> descriptor, int iteration, StageContext context, RunState<TStage> state, CallUsage usage, CancellationToken cancellationToken)
    {
        SpecLookup.Result spec = await SpecLookup.FindAsync(
            _artifactsDirectory,
            _options.SpecArtifact,
            _workflow.StageOrder.Reverse().Select(stage => (_workflow.GetStageName(stage), state.Outputs.GetValueOrDefault(stage))),
            _workingDirectory,
            _objective.FeatureName,
            cancellationToken).ConfigureAwait(false);
        ImmutableArray<AcceptanceScenario> scenarios = AcceptanceScenarioParser.Parse(spec.Text ?? "");
        if (scenarios.IsEmpty)
        {
            // Read after "NO SCENARIOS: " in the run's summary: it says where the scenarios were looked for.
            string missing = spec.Text is null
                ? $"no spec was found (looked in {spec.Where}), so there are no acceptance test scenarios to run"
                : $"the spec in {spec.Where} has no acceptance test scenarios (a '## Acceptance Test Scenarios' section with '### AT-001: name' entries)";
            return new AcceptanceTestsRan<TStage>(descriptor.Stage, iteration, 0, 0, 0, missing);
        }

        AgentResponse response = await CallAsync(descriptor, WorkAgent(descriptor), AgentTask.RunAcceptanceTests, context with { Scenarios = scenarios }, usage, cancellationToken).ConfigureAwait(false);
        var claimed = response.ScenarioResults.GroupBy(result => result.Id, StringComparer.Ordinal).ToDictionary(group => group.Key, group => group.Last(), StringComparer.Ordinal);
        bool runsCommands = descriptor.Permissions is { RunsCommands: true };
        bool allClaimedPassed = scenarios.All(scenario => claimed.GetValueOrDefault(scenario.Id)?.Outcome == ScenarioOutcome.Passed);
        string? noEvidence = runsCommands ? AcceptanceEvidence.Missing(response.ToolCalls, allClaimedPassed) : null;
        var results = new List<(AcceptanceScenario Scenario, ScenarioResult Result)>(scenarios.Length);
        var report = new StringBuilder();
        int passed = 0;
        foreach (AcceptanceScenario scenario in scenarios)
        {
            ScenarioResult result = claimed.GetValueOrDefault(scenario.Id) ?? new ScenarioResult(scenario.Id, ScenarioOutcome.Skipped, "no result was reported");
            if (result.Outcome == ScenarioOutcome.Passed && noEvidence is not null)
            {
                result = result with { Outcome = ScenarioOutcome.Failed, Detail = "pass " + noEvidence };
            }

            results.Add((scenario, result));
            passed += result.Outcome == ScenarioOutcome.Passed ? 1 : 0;
            report.Append(result.Outcome switch { ScenarioOutcome.Passed => "PASS ", ScenarioOutcome.Failed => "FAIL ", _ => "SKIP " })
                .Append(scenario.Id).Append(": ").Append(scenario.Name);
            if (result.Detail.Length > 0)
            {
                report.Append(" - ").Append(result.Detail);
            }

            report.Append('\n');
        }

        await FenceAsync(cancellationToken).ConfigureAwait(false);
        await AcceptanceEvidence.WriteAsync(_options.FileSystem, _artifactsDirectory, iteration, results, response.ToolCalls, runsCommands, response.Artifacts.GetValueOrDefault(AcceptanceEvidence.ResultsArtifact), cancellationToken).ConfigureAwait(false);
        return new AcceptanceTestsRan<TStage>(descriptor.Stage, iteration, passed, scenarios.Length - passed, scenarios.Length, report.ToString()) { ToolCalls = response.ToolCalls };
    }

    /// <summary>
    /// The stage that writes the spec artifact and the agent that writes it there; the acceptance stage and its own
    /// work agent when no stage declares it.
    /// </summary>
    private (StageDescriptor<TStage> Stage, string Agent) SpecOwner(StageDescriptor<TStage> acceptance)
    {
        StageDescriptor<TStage>? spec = _workflow.Stages.FirstOrDefault(stage => stage.Artifacts.Contains(_options.SpecArtifact, StringComparer.Ordinal) && (stage.WorkAgent is not null || !stage.ParallelAgents.IsEmpty));
        return spec is null ? (acceptance, WorkAgent(acceptance)) : (spec, WorkAgent(spec));
    }

    /// <param name="descriptor">The stage the call is made for.</param>
    /// <param name="agentId">The agent called.</param>
    /// <param name="task">What it is asked.</param>
    /// <param name="context">The stage's context.</param>
    /// <param name="usage">Where the call's tokens are counted.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <param name="writeArtifacts">Whether the answer's artifacts are written here (not for parallel agents, merged first).</param>
    /// <param name="artifactsOf">The stage whose declared artifacts the answer may write; <paramref name="descriptor"/> by default.</param>
    /// <param name="held">The budget the caller holds for this call among others (parallel agents); else the call holds its own.</param>
    private async Task<AgentResponse> CallAsync(StageDescriptor<TStage> descriptor, string agentId, AgentTask task, StageContext context, CallUsage usage, CancellationToken cancellationToken, bool writeArtifacts = true, StageDescriptor<TStage>? artifactsOf = null, BudgetGuard.Hold? held = null)
    {
        using Activity? activity = WorkflowTelemetry.ActivitySource.StartActivity("teambot.agent");
        activity?.SetTag("teambot.stage", descriptor.Key);
        activity?.SetTag("teambot.agent", agentId);
        activity?.SetTag("teambot.task", task.ToString());
        Log.AgentCalled(_logger, descriptor.Key, task, agentId);

        // Checked on both sides of the call: a session taken over meanwhile neither hands out work nor uses its result
        // (a result that comes back after the other session recorded the stage would overwrite that session's artifacts).
        await FenceAsync(cancellationToken).ConfigureAwait(false);
        var request = new AgentRequest(agentId, task, context)
        {
            Activity = new ActivityForwarder(_reporter, descriptor.Stage, _workflow.GetGroupOf(descriptor.Stage)?.Name, context.Iteration, agentId),
        };
        BudgetGuard.Hold? own = held is null ? _budget.Reserve(descriptor.Key, descriptor.MaxTokensPerCall) : null;
        AgentResponse response;
        AgentUsage? tokens = null;
        try
        {
            response = await _agents.Get(agentId).RunAsync(request, cancellationToken).ConfigureAwait(false)
                ?? throw new InvalidOperationException($"Agent '{agentId}' returned no response.");
            tokens = response.Usage is { } reported
                ? new AgentUsage(agentId, response.ModelId, TokenUsage.Of(reported.InputTokenCount, reported.OutputTokenCount, reported.TotalTokenCount))
                : null;
            (held ?? own)!.Settle(tokens, agentId);
        }
        finally
        {
            own?.Dispose();
        }

        if (tokens is not null)
        {
            usage.Add(tokens);
            WorkflowTelemetry.RecordTokens(tokens, descriptor.Key);
            _reporter.ReportTokens(descriptor.Stage, descriptor.IsReviewStage || descriptor.IsAcceptanceTestStage ? context.Iteration : null, tokens);

            // The build-time worst case and the budget's hold both assume no call goes past the stage's limit: one that
            // did is not used, and the run stops on it rather than going on past what was computed.
            if (descriptor.MaxTokensPerCall is { } limit && tokens.Tokens.TotalTokens > limit)
            {
                throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture, $"{agentId}'s call used {tokens.Tokens.TotalTokens:N0} tokens, more than the stage's max_tokens_per_call of {limit:N0}."));
            }
        }

        cancellationToken.ThrowIfCancellationRequested();
        await FenceAsync(cancellationToken).ConfigureAwait(false);
        if (!response.ToolCalls.IsDefaultOrEmpty)
        {
            response = response with { ToolCalls = [.. response.ToolCalls.Select(call => call with { Agent = agentId })] };
            await Transcript.WriteAsync(_options.FileSystem, Path.GetDirectoryName(_artifactsDirectory)!, request, response, cancellationToken).ConfigureAwait(false);
        }

        if (writeArtifacts)
        {
            await WriteArtifactsAsync(artifactsOf ?? descriptor, response.Artifacts, cancellationToken).ConfigureAwait(false);
        }

        return response;
    }

    /// <summary>Throws <see cref="RunFencedException"/> when another session took the run over; free without a fence.</summary>
    private ValueTask FenceAsync(CancellationToken cancellationToken) => _fence?.EnsureCurrentAsync(cancellationToken) ?? ValueTask.CompletedTask;

    private async Task WriteArtifactsAsync(StageDescriptor<TStage> descriptor, IReadOnlyDictionary<string, string> artifacts, CancellationToken cancellationToken)
    {
        if (artifacts.Count > 0)
        {
            TStage? workStage = _workflow.GetWorkStage(descriptor.Stage);
            IEnumerable<string> workArtifacts = workStage is { } reviewed ? _workflow.GetStage(reviewed).Artifacts : [];
            await ArtifactWriter.WriteAsync(_options.FileSystem, _artifactsDirectory, artifacts, ArtifactWriter.Declared(descriptor.Artifacts, workArtifacts), descriptor.Key, cancellationToken).ConfigureAwait(false);
        }
    }

    private StageContext BaseContext(AgentCommand<TStage> command, RunState<TStage> state)
    {
        TStage stage = command.Stage;
        StageDescriptor<TStage> descriptor = _workflow.GetStage(stage);

        var context = new StageContext
        {
            Stage = descriptor.Key,
            StageValue = stage,
            StageName = descriptor.Name,
            Description = descriptor.Description,
            PromptTemplate = descriptor.PromptTemplate,
            Objective = descriptor.IncludeObjective ? _objective : null,
            WorkingDirectory = _workingDirectory,
            ArtifactsDirectory = _artifactsDirectory,
            RequiredArtifacts = descriptor.Artifacts,
            ExitCriteria = descriptor.ExitCriteria,
            AllowedPersonas = descriptor.AllowedPersonas,
            PriorOutputs = new PriorOutputs<TStage>(_workflow, state, stage),
            Permissions = descriptor.Permissions,
            MaxTokensPerCall = descriptor.MaxTokensPerCall,
        };

        return command switch
        {
            RunReviewWork<TStage> review => context with
            {
                Iteration = review.Iteration,
                ReviewFeedback = review.Feedback,
                PreviousAttempt = review.PreviousAttempt,
                WorkToReview = _workflow.GetWorkStage(stage) is { } work ? state.Outputs.GetValueOrDefault(work) : null,
            },
            RunReview<TStage> review => context with { Iteration = review.Iteration },
            RunAcceptanceTests<TStage> tests => context with { Iteration = tests.Iteration },
            FixAcceptanceFailures<TStage> fix => context with { Iteration = fix.Iteration },
            _ => context,
        };
    }

    private static string WorkAgent(StageDescriptor<TStage> descriptor) =>
        descriptor.WorkAgent ?? (descriptor.ParallelAgents.IsEmpty ? throw new InvalidOperationException($"Stage {descriptor.Key} has no work_agent.") : descriptor.ParallelAgents[0]);

    private static string Reviewer(StageDescriptor<TStage> descriptor) =>
        descriptor.ReviewAgent ?? throw new InvalidOperationException($"Review stage {descriptor.Key} has no review_agent.");

    /// <summary>The tokens of one command's calls, which parallel agents report at once.</summary>
    private sealed class CallUsage
    {
        private readonly List<AgentUsage> _calls = [];

        public void Add(AgentUsage usage)
        {
            lock (_calls)
            {
                _calls.Add(usage);
            }
        }

        public ImmutableArray<AgentUsage> ToArray()
        {
            lock (_calls)
            {
                return [.. _calls];
            }
        }
    }

    /// <summary>Passes an agent's activity on as progress events of its stage.</summary>
    private sealed class ActivityForwarder(ProgressReporter<TStage> reporter, TStage stage, string? group, int iteration, string agent) : IProgress<AgentActivity>
    {
        public void Report(AgentActivity value) =>
            reporter.Report(value.Kind == AgentActivityKind.ToolCall ? WorkflowEventKind.ToolCalled : WorkflowEventKind.AgentStreamed, stage, group, iteration, value.Text, agent);
    }
}
