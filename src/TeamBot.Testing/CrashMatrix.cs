using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using TeamBot.Definitions;
using TeamBot.Objectives;
using TeamBot.Rules;
using TeamBot.State;

namespace TeamBot.Testing;

/// <summary>
/// Proves that a workflow resumes after a crash exactly as if it had never crashed. It runs the scripted team once
/// without a crash and records what the run did; then, for every durable write of that run, it crashes a run just
/// before, inside and just after that write, resumes it until it ends, and compares:
/// <list type="bullet">
/// <item>the agent calls whose answers the run kept are the uncrashed run's, with identical inputs, each once (work in
/// flight at the crash runs again, and only it);</item>
/// <item>no call was made with inputs the uncrashed run never used;</item>
/// <item>the final state (status, outputs, groups, review attempts, acceptance history) and the run folder's files are
/// equal.</item>
/// </list>
/// </summary>
/// <typeparam name="TStage">The generated stage enum.</typeparam>
/// <example>
/// <code>
/// using var host = new LocalCrashTestHost&lt;Stage&gt;(Workflow.Definition);
/// var team = ScriptedTeam.For(Workflow.Definition).RejectReview("SPEC_REVIEW", times: 1).FailAcceptanceRuns(1);
/// CrashMatrixReport report = await new CrashMatrix&lt;Stage&gt;(Workflow.Definition, team, host).RunAsync();
/// report.EnsureEquivalent();
/// </code>
/// </example>
public sealed class CrashMatrix<TStage>
    where TStage : struct, Enum
{
    private readonly IWorkflowDefinition<TStage> _workflow;
    private readonly ScriptedTeam _team;
    private readonly ICrashTestHost<TStage> _host;
    private readonly string _id = Guid.NewGuid().ToString("N")[..6];
    private int _trials;

    /// <summary>Initializes a new instance of the <see cref="CrashMatrix{TStage}"/> class.</summary>
    /// <param name="workflow">The generated workflow.</param>
    /// <param name="team">The script; each run gets a fresh copy of it.</param>
    /// <param name="host">Where to run.</param>
    public CrashMatrix(IWorkflowDefinition<TStage> workflow, ScriptedTeam team, ICrashTestHost<TStage> host)
    {
        ArgumentNullException.ThrowIfNull(workflow);
        ArgumentNullException.ThrowIfNull(team);
        ArgumentNullException.ThrowIfNull(host);
        _workflow = workflow;
        _team = team;
        _host = host;
    }

    /// <summary>Gets the objective the runs are for.</summary>
    public Objective Objective { get; init; } = new() { Title = "Crash matrix", Goals = ["Resume as if nothing had happened"], SuccessCriteria = ["Every resumed run is equivalent"], FeatureName = "crash-matrix" };

    /// <summary>Gets a value indicating whether each crash point is also checked with a second crash while resuming.</summary>
    public bool CrashTwice { get; init; }

    /// <summary>Gets which crash points to check; all of them when <see langword="null"/> (for sharding a long matrix).</summary>
    public Func<CrashPoint, bool>? Where { get; init; }

    /// <summary>Gets how many uncrashed runs the matrix makes first: they must agree with each other, and the one whose
    /// events shared the fewest writes gives the crash points.</summary>
    public int ReferenceRuns { get; init; } = 3;

    /// <summary>Gets how many more runs the matrix makes for a crash point a run did not reach (its events shared writes
    /// differently) before it counts the point as unreached.</summary>
    public int UnreachedRetries { get; init; } = 3;

    /// <summary>Gets the most sessions a run may take (a cancelled run resumes) before the matrix gives up on it.</summary>
    public int MaxSessions { get; init; } = 8;

    /// <summary>Runs the uncrashed run, then a crashed run for every crash point, and compares each with the first.</summary>
    /// <param name="cancellationToken">Stops the matrix between runs.</param>
    /// <returns>The points checked and every divergence.</returns>
    /// <exception cref="InvalidOperationException">The uncrashed run itself failed (a session threw, or it never ended).</exception>
    public async Task<CrashMatrixReport> RunAsync(CancellationToken cancellationToken = default)
    {
        var clock = Stopwatch.StartNew();
        var divergences = new List<string>();

        // Uncrashed runs must agree with each other too; the one whose events shared the fewest writes gives the crash
        // points, since a run with more batching than most would leave points other runs never reach.
        CrashPlan reference = null!;
        RunTrace expected = null!;
        for (int run = 0; run < Math.Max(1, ReferenceRuns); run++)
        {
            var plan = new CrashPlan(null, crashAgain: false);
            (RunTrace trace, string? failure) = await TrialAsync(plan, cancellationToken).ConfigureAwait(false);
            if (failure is not null)
            {
                throw new InvalidOperationException($"The uncrashed run failed: {failure}");
            }

            if (run > 0)
            {
                divergences.AddRange(Compare(expected, trace).Select(difference => $"uncrashed run {run + 1}: {difference}"));
            }

            if (run == 0 || plan.Writes < reference.Writes)
            {
                (reference, expected) = (plan, trace);
            }
        }

        int points = 0;
        int doubles = 0;
        int unreached = 0;
        foreach (CrashPoint point in Points(reference.WriteSizes))
        {
            if (Where?.Invoke(point) == false)
            {
                continue;
            }

            foreach (bool twice in CrashTwice ? [false, true] : new[] { false })
            {
                cancellationToken.ThrowIfCancellationRequested();
                var plan = new CrashPlan(point, twice);
                (RunTrace actual, string? error) = await TrialAsync(plan, cancellationToken).ConfigureAwait(false);
                for (int retry = 0; retry < UnreachedRetries && plan.Crashes == 0 && error is null; retry++)
                {
                    // Scheduling made this run share its writes differently; another run usually reaches the point.
                    plan = new CrashPlan(point, twice);
                    (actual, error) = await TrialAsync(plan, cancellationToken).ConfigureAwait(false);
                }

                string label = twice ? $"{point}, then again while resuming" : point.ToString();
                // Events that arrive together share a write, and how they arrive varies with scheduling, so a run may
                // make fewer writes than the first one did; such a run is still compared, as an uncrashed one.
                unreached += plan.Crashes == 0 ? 1 : 0;
                if (error is not null)
                {
                    divergences.Add($"{label}: {error}");
                }
                else
                {
                    divergences.AddRange(Compare(expected, actual).Select(difference => $"{label}: {difference}"));
                }

                points += twice ? 0 : 1;
                doubles += twice && plan.Crashes == 2 ? 1 : 0;
            }
        }

        return new CrashMatrixReport(reference.Writes, points, doubles, unreached, clock.Elapsed, divergences);
    }

    /// <summary>Every write's before and after, and its inside when it has one: a snapshot, or an append of several entries.</summary>
    private static IEnumerable<CrashPoint> Points(List<int> sizes)
    {
        for (int write = 1; write <= sizes.Count; write++)
        {
            yield return new CrashPoint(write, CrashMoment.BeforeWrite);
            if (sizes[write - 1] is -1 or > 1)
            {
                yield return new CrashPoint(write, CrashMoment.InsideWrite);
            }

            yield return new CrashPoint(write, CrashMoment.AfterWrite);
        }
    }

    /// <summary>Runs sessions until the run ends (a crashed or cancelled session is resumed), and records what it did.</summary>
    private async Task<(RunTrace Trace, string? Failure)> TrialAsync(CrashPlan plan, CancellationToken cancellationToken)
    {
        ScriptedTeam team = _team.Fresh();
        var trial = new CrashTrial(string.Create(CultureInfo.InvariantCulture, $"run-{_id}-{++_trials:D4}"), team, Objective, plan);
        var answered = ImmutableArray.CreateBuilder<AgentCall>();
        int seen = 0;
        for (int session = 0; ; session++)
        {
            SavedRun<TStage>? saved = await SavedRun.LoadAsync(_workflow, _host.OpenStore(trial), cancellationToken).ConfigureAwait(false);
            if (saved?.State is { IsFinished: true, Status: not RunStatus.Cancelled })
            {
                return (Trace(trial, team, answered.ToImmutable(), saved), null);
            }

            if (session == MaxSessions)
            {
                return (Trace(trial, team, answered.ToImmutable(), saved), $"the run had not ended after {MaxSessions} sessions.");
            }

            using var cancel = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            team.Session = session;
            team.CancelSession = cancel.Cancel;
            try
            {
                await _host.RunSessionAsync(trial, hasSavedState: saved is not null, cancel.Token).ConfigureAwait(false);
            }
            catch (SimulatedCrashException)
            {
            }
            catch (OperationCanceledException) when (cancel.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
            }
#pragma warning disable CA1031 // Anything else a session throws is the divergence to report, with the rest of the matrix.
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
#pragma warning restore CA1031
            {
                return (Trace(trial, team, answered.ToImmutable(), saved), $"session {session + 1} threw {ex.GetType().Name}: {ex.Message}");
            }

            // A call's answer counts once the session that made it has ended with it durable; any other call was in flight.
            IReadOnlyList<(int Session, AgentCall Call)> calls = team.CallsBySession();
            answered.AddRange(calls.Skip(seen).Select(call => call.Call).Where(plan.IsAnswered));
            seen = calls.Count;
        }
    }

    private RunTrace Trace(CrashTrial trial, ScriptedTeam team, ImmutableArray<AgentCall> answered, SavedRun<TStage>? saved) => new(
        answered,
        team.Calls.ToImmutableHashSet(),
        saved is null ? "no state" : RunTrace.StateText(_workflow, saved),
        RunTrace.FilesIn(_host.GetRunDirectory(trial), _host.GetWorkspace(trial)));

    private static IEnumerable<string> Compare(RunTrace expected, RunTrace actual)
    {
        foreach (string difference in CompareCalls(expected.Answered, actual.Answered))
        {
            yield return difference;
        }

        foreach (AgentCall call in actual.Made.Except(expected.Made).Take(3))
        {
            yield return $"called {call} with inputs the uncrashed run never used:\n{call.Input}";
        }

        if (expected.State != actual.State)
        {
            yield return $"the final state differs:\n{FirstDifference(expected.State, actual.State)}";
        }

        foreach (string path in expected.Files.Keys.Union(actual.Files.Keys).Order(StringComparer.Ordinal))
        {
            string? want = expected.Files.GetValueOrDefault(path);
            string? got = actual.Files.GetValueOrDefault(path);
            if (want != got)
            {
                yield return want is null ? $"wrote {path}, which the uncrashed run did not" : got is null ? $"did not write {path}" : $"{path} differs:\n{FirstDifference(want, got)}";
            }
        }
    }

    private static IEnumerable<string> CompareCalls(ImmutableArray<AgentCall> expected, ImmutableArray<AgentCall> actual)
    {
        var counts = new Dictionary<AgentCall, int>();
        foreach (AgentCall call in expected)
        {
            counts[call] = counts.GetValueOrDefault(call) + 1;
        }

        foreach (AgentCall call in actual)
        {
            counts[call] = counts.GetValueOrDefault(call) - 1;
        }

        foreach (var (call, count) in counts.Where(pair => pair.Value != 0).Take(5))
        {
            yield return count > 0
                ? $"the answer to {call} was kept {count} time(s) fewer than in the uncrashed run"
                : $"the answer to {call} was kept {-count} time(s) more than in the uncrashed run (inputs: {call.Input.Length} chars)";
        }
    }

    private static string FirstDifference(string expected, string actual)
    {
        string[] want = expected.Split('\n');
        string[] got = actual.Split('\n');
        for (int i = 0; i < Math.Max(want.Length, got.Length); i++)
        {
            string? a = i < want.Length ? want[i] : null;
            string? b = i < got.Length ? got[i] : null;
            if (a != b)
            {
                return $"  line {i + 1}, expected: {a ?? "(none)"}\n  line {i + 1}, actual:   {b ?? "(none)"}";
            }
        }

        return "(equal)";
    }
}
