using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using TeamBot.AcceptanceTests;
using TeamBot.Agents;
using TeamBot.Objectives;
using TeamBot.Rules;

namespace TeamBot.Agents;

/// <summary>
/// The built-in agent: deterministic, no network. It writes plausible artifacts from the objective and the stage,
/// approves reviews from a chosen iteration and fails the first acceptance-test runs, so an offline run goes through
/// the parallel group, the review loops and the acceptance gate. With <see cref="EditsWorkspace"/> it also uses the
/// workspace tools as far as each stage's permissions allow, on a workspace meant for it (the command line gives it a
/// sample workspace in the run's folder).
/// </summary>
public sealed class OfflineAgent : IStageAgent
{
    /// <summary>Gets the review iteration from which reviews approve (2 exercises one rejection).</summary>
    public int ApproveAtIteration { get; init; } = 2;

    /// <summary>Gets how many acceptance-test runs fail before one passes (1 exercises one fix).</summary>
    public int FailingAcceptanceRuns { get; init; } = 1;

    /// <summary>
    /// Gets a value indicating whether the agent really writes to the workspace where the stage lets it (a file named
    /// for the objective in each folder it may write, edited by later stages) and lists it in reviews. Off by default:
    /// the workspace is then never touched, whatever it is.
    /// </summary>
    public bool EditsWorkspace { get; init; }

    /// <summary>
    /// Gets the pause per call, so that a person can watch a run (each call waits from half to one and a half times it,
    /// streaming its answer as it goes). Zero, the default, answers at once. Only the timing changes, never the answers.
    /// </summary>
    public TimeSpan Pace { get; init; }

    /// <summary>Gets the clock the <see cref="Pace"/> is kept on.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <inheritdoc/>
    public async Task<AgentResponse> RunAsync(AgentRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        await Task.Yield();
        cancellationToken.ThrowIfCancellationRequested();
        StageContext context = request.Context;
        AgentResponse response = request.Task switch
        {
            AgentTask.Review => Review(context),
            AgentTask.RunAcceptanceTests => AcceptanceTests(request),
            AgentTask.FixAcceptanceFailures => new AgentResponse
            {
                Output = $"Fixed the failures of acceptance run {context.Iteration}: {FirstLine(context.AcceptanceFailures)}",
            },
            // Work, a revision, and the spec written again with the scenarios it lacked (its only required artifact).
            _ => Work(request),
        };
        TimeSpan pause = OfflinePace.PauseFor(Pace, request);
        if (pause > TimeSpan.Zero)
        {
            // What a model would stream is the document it writes, where there is one, more than its one-line summary.
            string streamed = response.Artifacts.OrderBy(artifact => artifact.Key, StringComparer.Ordinal).Select(artifact => artifact.Value).FirstOrDefault() ?? response.Output;
            await OfflinePace.StreamAsync(streamed, pause, TimeProvider, request.Activity, cancellationToken).ConfigureAwait(false);
        }

        response = response with { Usage = OfflineUsage.Of(request, response), ModelId = OfflineUsage.Model };
        if (!EditsWorkspace || request.Task is AgentTask.RunAcceptanceTests or AgentTask.AddAcceptanceScenarios)
        {
            return response;
        }

        ImmutableArray<ToolCall> edits = await OfflineEdits.MakeAsync(request, cancellationToken).ConfigureAwait(false);

        // Work on a stage that runs commands ends with its test run, as a builder's would.
        ImmutableArray<ToolCall> testRun = request.Task is AgentTask.Work or AgentTask.ReviseWork ? SimulatedTestRun(request, failing: false) : [];
        return response with { ToolCalls = [.. response.ToolCalls, .. edits, .. testRun] };
    }

    private AgentResponse Review(StageContext context) => context.Iteration >= ApproveAtIteration
        ? new AgentResponse { Output = $"{ReviewVerdicts.ApprovalMarker} {context.StageName} meets every exit criterion (iteration {context.Iteration}).", Verdict = ReviewVerdict.Approved }
        : new AgentResponse
        {
            Output = $"Changes requested for {context.StageName} (iteration {context.Iteration}): state how each exit criterion is met: {string.Join("; ", context.ExitCriteria)}.",
            Verdict = ReviewVerdict.ChangesRequested,
        };

    private AgentResponse AcceptanceTests(AgentRequest request)
    {
        StageContext context = request.Context;
        bool failing = context.Iteration <= FailingAcceptanceRuns;
        ImmutableArray<ScenarioResult> results = context.Scenarios
            .Select((scenario, i) => failing && i == context.Scenarios.Length - 1
                ? new ScenarioResult(scenario.Id, ScenarioOutcome.Failed, "the expected result was not observed")
                : new ScenarioResult(scenario.Id, ScenarioOutcome.Passed, "verified"))
            .ToImmutableArray();
        var report = new StringBuilder().Append(CultureInfo.InvariantCulture, $"# Acceptance test results (run {context.Iteration})\n\n");
        foreach (ScenarioResult result in results)
        {
            report.Append(CultureInfo.InvariantCulture, $"- {result.Id}: {(result.Outcome == ScenarioOutcome.Passed ? "PASS" : "FAIL")} - {result.Detail}\n");
        }

        return new AgentResponse { Output = report.ToString(), ScenarioResults = results, Artifacts = Artifacts(context, _ => report.ToString()), ToolCalls = SimulatedTestRun(request, failing) };
    }

    /// <summary>
    /// Where the stage lets its agent run commands, the run of its test command an agent would make, marked as
    /// simulated: without it the runner would not take the offline agent's passes (see the acceptance safeguard).
    /// </summary>
    private static ImmutableArray<ToolCall> SimulatedTestRun(AgentRequest request, bool failing)
    {
        StageContext context = request.Context;
        if (context.Permissions is not { RunsCommands: true } permissions)
        {
            return [];
        }

        string program = permissions.Commands[0];
        var call = new ToolCall("run_command", $"{{\"program\":\"{program}\",\"arguments\":[\"test\"]}}", failing ? "exit code 1" : "exit code 0", Refused: false)
        {
            Output = context.Scenarios.IsEmpty
                ? "(simulated by the offline agent: no command was run) every test passed"
                : $"(simulated by the offline agent: no command was run) {context.Scenarios.Length - (failing ? 1 : 0)} of {context.Scenarios.Length} scenarios passed",
        };
        request.Activity?.Report(ToolActivity.Of(call));
        return [call];
    }

    private static AgentResponse Work(AgentRequest request)
    {
        StageContext context = request.Context;
        string persona = context.AllowedPersonas.FirstOrDefault() ?? request.AgentId;
        string heading = request.Task == AgentTask.ReviseWork && context.Iteration > 1
            ? $"{context.StageName}, revision {context.Iteration}"
            : context.StageName;
        return new AgentResponse
        {
            Output = $"{heading}: done by {request.AgentId} as {persona}.",
            Artifacts = Artifacts(context, artifact => Document(artifact, heading, request.AgentId, persona, context)),
        };
    }

    private static Dictionary<string, string> Artifacts(StageContext context, Func<string, string> content) =>
        context.RequiredArtifacts.ToDictionary(artifact => artifact, content, StringComparer.Ordinal);

    private static string Document(string artifact, string heading, string agent, string persona, StageContext context)
    {
        var text = new StringBuilder().Append(CultureInfo.InvariantCulture, $"# {heading}\n\nPrepared by {agent} ({persona}).\n\n{context.Description}\n\n");
        if (context.Objective is { } objective)
        {
            text.Append(CultureInfo.InvariantCulture, $"## Objective: {objective.Title}\n\n");
            foreach (string goal in objective.Goals)
            {
                text.Append(CultureInfo.InvariantCulture, $"- {goal}\n");
            }

            text.Append('\n');
        }

        if (context.ReviewFeedback is { } feedback)
        {
            text.Append(CultureInfo.InvariantCulture, $"## Changes after review\n\n{feedback}\n\n");
        }

        text.Append("## Exit criteria\n\n");
        foreach (string criterion in context.ExitCriteria)
        {
            text.Append(CultureInfo.InvariantCulture, $"- [x] {criterion}\n");
        }

        if (artifact == "feature_spec.md")
        {
            AppendScenarios(text, context.Objective);
        }

        return text.ToString();
    }

    /// <summary>One acceptance-test scenario per success criterion, in the format the executor reads.</summary>
    private static void AppendScenarios(StringBuilder text, Objective? objective)
    {
        text.Append("\n## Acceptance Test Scenarios\n\n");
        IReadOnlyList<string> criteria = objective is { SuccessCriteria.Length: > 0 } ? objective.SuccessCriteria : ["The feature works as described"];
        for (int i = 0; i < criteria.Count; i++)
        {
            text.Append(CultureInfo.InvariantCulture, $"### AT-{i + 1:D3}: {criteria[i].TrimEnd('.')}\n")
                .Append(CultureInfo.InvariantCulture, $"**Description**: Shows that {char.ToLowerInvariant(criteria[i][0])}{criteria[i][1..].TrimEnd('.')}.\n")
                .Append("**Preconditions**: The feature is built and deployed locally.\n")
                .Append("**Steps**:\n1. Prepare the data the criterion needs.\n2. Use the feature.\n")
                .Append(CultureInfo.InvariantCulture, $"**Expected Result**: {criteria[i]}\n")
                .Append("**Verification**: Inspect the result.\n\n");
        }
    }

    private static string FirstLine(string? text) => text?.Split('\n', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? "";
}
