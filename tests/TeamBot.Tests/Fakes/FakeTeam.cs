using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using TeamBot.AcceptanceTests;
using TeamBot.Agents;

namespace TeamBot.Tests.Fakes;

/// <summary>
/// One fake agent playing every role: writes each declared artifact, approves a review from a chosen iteration, passes
/// the acceptance tests from a chosen run, and can fail, wait or block chosen stages.
/// </summary>
internal sealed class FakeTeam : IStageAgent
{
    public const string Spec = """
        # Spec

        ## Acceptance Test Scenarios

        ### AT-001: Export a report
        **Description**: The user exports a report.
        **Preconditions**: A report exists.
        **Steps**:
        1. Click export.
        **Expected Result**: A CSV file is saved.
        **Verification**: The file exists.

        ### AT-002: Empty report
        **Description**: Exporting an empty report.
        **Expected Result**: The CSV has only a header.

        ## Out of scope
        Nothing.
        """;

    private int _running;

    public ConcurrentQueue<AgentRequest> Calls { get; } = new();

    /// <summary>Gets the stages whose call was cancelled while it waited at its gate.</summary>
    public ConcurrentBag<string> CancelledStages { get; } = [];

    /// <summary>Gets or sets the review iteration from which reviews approve.</summary>
    public int ApproveFromIteration { get; set; } = 1;

    /// <summary>Gets or sets the acceptance-test run from which all scenarios pass.</summary>
    public int PassFromRun { get; set; } = 1;

    /// <summary>Gets the stages whose work throws.</summary>
    public HashSet<string> FailingStages { get; } = [];

    /// <summary>Gets the stages whose work waits this long on <see cref="Time"/> first.</summary>
    public Dictionary<string, TimeSpan> Delays { get; } = [];

    /// <summary>Gets the stages whose work waits until released.</summary>
    public ConcurrentDictionary<string, TaskCompletionSource> Gates { get; } = new();

    /// <summary>Gets or sets a value indicating whether an acceptance run reports the test command its passes rest on.</summary>
    public bool TestRunEvidence { get; set; } = true;

    /// <summary>Gets or sets the exit code of that test command.</summary>
    public int TestRunExitCode { get; set; }

    /// <summary>Gets the tool calls each stage's work reports having made.</summary>
    public Dictionary<string, ImmutableArray<TeamBot.Rules.ToolCall>> ToolCalls { get; } = [];

    public TimeProvider Time { get; set; } = TimeProvider.System;

    /// <summary>Gets or sets the tokens each call reports using (model <c>fake</c>); <see langword="null"/>: none reported.</summary>
    public long? Usage { get; set; }

    /// <summary>Gets the agent calls running now.</summary>
    public int Running => Volatile.Read(ref _running);

    /// <summary>Gets the most agent calls that ran at the same time.</summary>
    public int MaxConcurrent { get; private set; }

    public IEnumerable<string> StagesWorked(AgentTask task = AgentTask.Work) =>
        Calls.Where(call => call.Task == task).Select(call => call.Context.Stage);

    public TaskCompletionSource Gate(string stage) => Gates.GetOrAdd(stage, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));

    public async Task<AgentResponse> RunAsync(AgentRequest request, CancellationToken cancellationToken)
    {
        Calls.Enqueue(request);
        int running = Interlocked.Increment(ref _running);
        lock (Calls)
        {
            MaxConcurrent = Math.Max(MaxConcurrent, running);
        }

        try
        {
            string stage = request.Context.Stage;
            if (Gates.TryGetValue(stage, out TaskCompletionSource? gate))
            {
                try
                {
                    await gate.Task.WaitAsync(cancellationToken);
                }
                catch (OperationCanceledException)
                {
                    CancelledStages.Add(stage);
                    throw;
                }
            }

            if (Delays.TryGetValue(stage, out TimeSpan delay))
            {
                await Task.Delay(delay, Time, cancellationToken);
            }

            if (FailingStages.Contains(stage))
            {
                throw new InvalidOperationException($"agent {request.AgentId} could not do {stage}");
            }

            AgentResponse response = request.Task switch
            {
                AgentTask.Review => new AgentResponse
                {
                    Output = request.Context.Iteration >= ApproveFromIteration ? "VERIFIED_APPROVED: looks good" : $"Not approved: iteration {request.Context.Iteration} misses the error cases\n\nRequired Actions:\n1. Handle the empty report\n- Add a test for iteration {request.Context.Iteration}",
                },
                AgentTask.RunAcceptanceTests => new AgentResponse
                {
                    Output = "ran the scenarios",
                    Artifacts = request.Context.RequiredArtifacts.ToDictionary(path => path, path => $"# {path}\nrun {request.Context.Iteration}\n"),
                    ScenarioResults = request.Context.Scenarios
                        .Select((scenario, i) => new ScenarioResult(scenario.Id, request.Context.Iteration >= PassFromRun || i > 0 ? ScenarioOutcome.Passed : ScenarioOutcome.Failed, "checked"))
                        .ToImmutableArray(),
                    ToolCalls = TestRunEvidence ? [new TeamBot.Rules.ToolCall("run_command", "{\"program\":\"dotnet\"}", $"exit code {TestRunExitCode}", Refused: false)] : [],
                },
                AgentTask.FixAcceptanceFailures => new AgentResponse { Output = $"fixed run {request.Context.Iteration}" },
                _ => new AgentResponse
                {
                    Output = $"{stage} by {request.AgentId} (iteration {request.Context.Iteration})",
                    Artifacts = request.Context.RequiredArtifacts.ToDictionary(path => path, path => path == "feature_spec.md" ? Spec : $"# {path}\nwritten for {stage} by {request.AgentId}\n"),
                    ToolCalls = ToolCalls.GetValueOrDefault(stage, []),
                },
            };
            return Usage is { } usage ? response with { Usage = new Microsoft.Extensions.AI.UsageDetails { InputTokenCount = usage - 10, OutputTokenCount = 10, TotalTokenCount = usage }, ModelId = "fake" } : response;
        }
        finally
        {
            Interlocked.Decrement(ref _running);
        }
    }
}
