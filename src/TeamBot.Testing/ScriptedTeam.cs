using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Time.Testing;
using TeamBot.AcceptanceTests;
using TeamBot.Agents;
using TeamBot.Definitions;
using TeamBot.Rules;

namespace TeamBot.Testing;

/// <summary>
/// A deterministic team for tests: every agent answers from its request alone, so the same request always gets the
/// same answer, also when a resumed run asks again. Reviews approve and acceptance runs pass unless the script says
/// otherwise; outputs carry a digest of the request's inputs, so a changed input shows in the run's final state.
/// </summary>
/// <example>
/// <code>
/// var team = ScriptedTeam.For(Workflow.Definition)
///     .RejectReview("SPEC_REVIEW", times: 2)
///     .FailAcceptanceRuns(1);
/// </code>
/// </example>
public sealed class ScriptedTeam : IStageAgent
{
    /// <summary>The model id the scripted team reports with its tokens.</summary>
    public const string Model = "scripted";

    private static readonly DateTimeOffset Epoch = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly ImmutableDictionary<string, TimeSpan?> _timeouts;
    private readonly object _gate = new();
    private readonly List<(int Session, AgentCall Call)> _calls = [];
    private ImmutableDictionary<string, int> _rejections = ImmutableDictionary<string, int>.Empty;
    private ImmutableHashSet<string> _failing = [];
    private ImmutableHashSet<string> _overrunning = [];
    private string? _cancelAt;
    private int _failingAcceptanceRuns;
    private bool _writesFiles;
    private bool _cancelled;
    private Func<IStageAgent>? _answerers;
    private IStageAgent? _answerer;

    private ScriptedTeam(ImmutableDictionary<string, TimeSpan?> timeouts) => _timeouts = timeouts;

    /// <summary>Gets the clock the team's run must use (<c>WorkflowRunnerOptions.TimeProvider</c>): time moves only
    /// when a scripted agent overruns its stage's time limit.</summary>
    public FakeTimeProvider Clock { get; } = new(Epoch);

    /// <summary>Gets the name of the spec artifact to which the team writes its acceptance-test scenarios.</summary>
    public string SpecArtifact { get; init; } = "feature_spec.md";

    /// <summary>Gets how many acceptance-test scenarios the spec has.</summary>
    public int Scenarios { get; init; } = 2;

    /// <summary>Gets every call made so far, in the order they started. The crash matrix runs copies of the team it is
    /// given, so this stays empty on that one.</summary>
    public IReadOnlyList<AgentCall> Calls
    {
        get
        {
            lock (_gate)
            {
                return _calls.Select(call => call.Call).ToArray();
            }
        }
    }

    // Session and CancelSession are set between sessions, never while one runs: the matrix runs one session at a time.

    /// <summary>Gets or sets the session that calls belong to, for the crash matrix.</summary>
    internal int Session { get; set; }

    /// <summary>Gets or sets what cancels the current session, for <see cref="CancelRunAt"/>.</summary>
    internal Action? CancelSession { get; set; }

    /// <summary>A team for <paramref name="workflow"/>; the script's stage keys are checked against it.</summary>
    public static ScriptedTeam For<TStage>(IWorkflowDefinition<TStage> workflow)
        where TStage : struct, Enum
    {
        ArgumentNullException.ThrowIfNull(workflow);
        return new ScriptedTeam(workflow.Stages.ToImmutableDictionary(stage => stage.Key, stage => stage.Timeout, StringComparer.Ordinal));
    }

    /// <summary>The reviewer of <paramref name="stage"/> requests changes <paramref name="times"/> times, then approves.</summary>
    public ScriptedTeam RejectReview(string stage, int times)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(times);
        _rejections = _rejections.SetItem(Known(stage), times);
        return this;
    }

    /// <summary>The first <paramref name="runs"/> acceptance-test runs fail their last scenario; later runs pass.</summary>
    public ScriptedTeam FailAcceptanceRuns(int runs)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(runs);
        _failingAcceptanceRuns = runs;
        return this;
    }

    /// <summary>The work of <paramref name="stage"/> fails (throws) every time it runs.</summary>
    public ScriptedTeam FailStage(string stage)
    {
        _failing = _failing.Add(Known(stage));
        return this;
    }

    /// <summary>The work of <paramref name="stage"/> runs past the stage's time limit: the agent moves the clock beyond it.</summary>
    public ScriptedTeam OverrunTimeLimit(string stage)
    {
        if (_timeouts[Known(stage)] is null)
        {
            throw new ArgumentException($"Stage '{stage}' has no time limit (timeout) to overrun.", nameof(stage));
        }

        _overrunning = _overrunning.Add(stage);
        return this;
    }

    /// <summary>
    /// Each work agent of a stage whose permissions let it write appends a line to a log file in its first write path,
    /// as a coding agent edits files: work that ran twice on the same workspace would leave two lines, so the crash
    /// matrix sees whether the workspace was rolled back before work in flight at a crash ran again.
    /// </summary>
    public ScriptedTeam WritesFiles()
    {
        _writesFiles = true;
        return this;
    }

    /// <summary>
    /// The answers come from agents <paramref name="answerers"/> makes, one per run (the crash matrix makes many), instead
    /// of the script: a <c>ReplayAgent</c> over a recorded transcript (<c>TeamBot.Agents.Replay</c>), say, so a real
    /// run's answers are checked for crash equivalence. The crash points, failures and time limits of the script still
    /// apply; an answer without usage gets the script's.
    /// </summary>
    public ScriptedTeam AnsweredBy(Func<IStageAgent> answerers)
    {
        ArgumentNullException.ThrowIfNull(answerers);
        _answerers = answerers;
        _answerer = answerers();
        return this;
    }

    /// <summary>The caller cancels the run when <paramref name="stage"/>'s work first starts (once, whatever the sessions).</summary>
    public ScriptedTeam CancelRunAt(string stage)
    {
        _cancelAt = Known(stage);
        return this;
    }

    /// <inheritdoc/>
    public async Task<AgentResponse> RunAsync(AgentRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        AgentCall call = AgentCall.From(request);
        Action? cancel = null;
        lock (_gate)
        {
            _calls.Add((Session, call));
            if (!_cancelled && call.Stage == _cancelAt && IsWork(request.Task))
            {
                _cancelled = true;
                cancel = CancelSession;
            }
        }

        await Task.Yield();
        if (cancel is not null)
        {
            cancel();
            await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(false);
        }

        if (IsWork(request.Task) && _overrunning.Contains(call.Stage))
        {
            Clock.Advance(_timeouts[call.Stage]!.Value + TimeSpan.FromSeconds(1));
            await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(false);
        }

        cancellationToken.ThrowIfCancellationRequested();
        if (IsWork(request.Task) && _failing.Contains(call.Stage))
        {
            throw new InvalidOperationException($"Scripted failure of {call.Stage}.");
        }

        string output = $"{call.Stage} {request.Task} #{call.Iteration} by {call.Agent} [{Digest(call.Input)}]";
        AgentResponse response = _answerer is not null
            ? await _answerer.RunAsync(request, cancellationToken).ConfigureAwait(false)
            : request.Task switch
            {
                AgentTask.Review => Review(call, output),
                AgentTask.RunAcceptanceTests => AcceptanceTests(request.Context, output),
                _ => Work(request.Context, output),
            };
        response = response.Usage is null ? response with { Usage = UsageOf(call, response), ModelId = Model } : response;
        return _writesFiles && request.Task is not (AgentTask.Review or AgentTask.RunAcceptanceTests) && request.Context.Permissions is { MayWrite: true } permissions
            ? response with { ToolCalls = [.. response.ToolCalls, await AppendToLogAsync(request, permissions.WritableFor(request.AgentId), output, cancellationToken).ConfigureAwait(false)] }
            : response;
    }

    /// <summary>Appends the output to <c>&lt;agent&gt;.log</c> in the folder of the agent's first write glob.</summary>
    private static async Task<ToolCall> AppendToLogAsync(AgentRequest request, ImmutableArray<string> writable, string output, CancellationToken cancellationToken)
    {
        string folder = string.Join('/', writable[0].Split('/').TakeWhile(segment => segment.IndexOfAny(['*', '?']) < 0).SkipLast(writable[0].Contains('*', StringComparison.Ordinal) ? 0 : 1));
        string path = (folder.Length == 0 ? "" : folder + "/") + request.AgentId + ".log";
        string full = Path.Combine(request.Context.WorkingDirectory, path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        await File.AppendAllTextAsync(full, output + "\n", cancellationToken).ConfigureAwait(false);
        return new ToolCall("edit_file", $"{{\"path\":\"{path}\"}}", $"appended a line to {path}", Refused: false);
    }

    /// <summary>The calls made before and after a session, for the crash matrix.</summary>
    internal IReadOnlyList<(int Session, AgentCall Call)> CallsBySession()
    {
        lock (_gate)
        {
            return _calls.ToArray();
        }
    }

    /// <summary>A team with the same script and nothing recorded yet: its own clock, calls and one-time cancellation.</summary>
    internal ScriptedTeam Fresh() => new(_timeouts)
    {
        SpecArtifact = SpecArtifact,
        Scenarios = Scenarios,
        _rejections = _rejections,
        _failing = _failing,
        _overrunning = _overrunning,
        _cancelAt = _cancelAt,
        _failingAcceptanceRuns = _failingAcceptanceRuns,
        _writesFiles = _writesFiles,
        _answerers = _answerers,
        _answerer = _answerers?.Invoke(),
    };

    /// <summary>
    /// Tokens as a model would count them, about four characters each, from the call's input and answer alone: a call
    /// made again with the same input reports the same, so resumed runs are held to the same usage.
    /// </summary>
    private static UsageDetails UsageOf(AgentCall call, AgentResponse response)
    {
        long input = 100 + ((call.Input.Length + 3) / 4);
        long output = (response.Output.Length + response.Artifacts.Values.Sum(text => text.Length) + 3) / 4;
        return new UsageDetails { InputTokenCount = input, OutputTokenCount = output, TotalTokenCount = input + output };
    }

    private static bool IsWork(AgentTask task) => task is AgentTask.Work or AgentTask.ReviseWork;

    private AgentResponse Review(AgentCall call, string output)
    {
        bool approved = call.Iteration > _rejections.GetValueOrDefault(call.Stage);
        return approved
            ? new AgentResponse { Output = $"{ReviewVerdicts.ApprovalMarker} {output}", Verdict = ReviewVerdict.Approved }
            : new AgentResponse { Output = $"Changes requested: {output}", Verdict = ReviewVerdict.ChangesRequested };
    }

    private AgentResponse AcceptanceTests(StageContext context, string output)
    {
        bool failing = context.Iteration <= _failingAcceptanceRuns;
        ImmutableArray<ScenarioResult> results = context.Scenarios
            .Select((scenario, i) => failing && i == context.Scenarios.Length - 1
                ? new ScenarioResult(scenario.Id, ScenarioOutcome.Failed, "scripted failure")
                : new ScenarioResult(scenario.Id, ScenarioOutcome.Passed, "scripted pass"))
            .ToImmutableArray();
        // Where the stage lets its agent run commands, the run of a test command its passes rest on.
        ImmutableArray<ToolCall> testRun = context.Permissions is { RunsCommands: true } permissions
            ? [new ToolCall("run_command", $"{{\"program\":\"{permissions.Commands[0]}\"}}", failing ? "exit code 1" : "exit code 0", Refused: false) { Output = "scripted test run: " + output }]
            : [];
        return new AgentResponse { Output = output, ScenarioResults = results, Artifacts = Artifacts(context, output), ToolCalls = testRun };
    }

    private AgentResponse Work(StageContext context, string output)
    {
        if (context.RequiredArtifacts.Contains(SpecArtifact))
        {
            output += ScenarioSection();
        }

        return new AgentResponse { Output = output, Artifacts = Artifacts(context, output) };
    }

    private static Dictionary<string, string> Artifacts(StageContext context, string output) =>
        context.RequiredArtifacts.ToDictionary(artifact => artifact, artifact => $"# {artifact}\n\n{output}\n", StringComparer.Ordinal);

    private string ScenarioSection()
    {
        var text = new StringBuilder("\n\n## Acceptance Test Scenarios\n\n");
        for (int i = 1; i <= Scenarios; i++)
        {
            text.Append(CultureInfo.InvariantCulture, $"### AT-{i:D3}: Scripted scenario {i}\n")
                .Append("**Steps**:\n1. Use the feature.\n")
                .Append(CultureInfo.InvariantCulture, $"**Expected Result**: Scenario {i} holds.\n\n");
        }

        return text.ToString();
    }

    private static string Digest(string input) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(input)).AsSpan(0, 4));

    private string Known(string stage)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(stage);
        return _timeouts.ContainsKey(stage)
            ? stage
            : throw new ArgumentException($"The workflow has no stage '{stage}'. Its stages: {string.Join(", ", _timeouts.Keys.Order(StringComparer.Ordinal))}.", nameof(stage));
    }
}
