using System;
using System.Collections.Concurrent;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using TeamBot.Agents;
using TeamBot.Agents.Replay;
using TeamBot.Execution;
using TeamBot.Objectives;
using TeamBot.Rules;
using TeamBot.State;
using TeamBot.Testing;

namespace TeamBot.Hosting.Tests;

/// <summary>
/// A recorded run's transcript as the crash matrix's team: every crash point of a run answered by the recorded
/// agents, with no model, resumes as if it never crashed.
/// </summary>
public sealed class TranscriptCrashMatrixTests : IDisposable
{
    private static readonly Objective Objective = new()
    {
        Title = "Add CSV export",
        FeatureName = "csv-export",
        Goals = ["Export any report as CSV"],
        SuccessCriteria = ["The CSV opens in a spreadsheet"],
    };

    private readonly string _root = Path.Combine(Path.GetTempPath(), "teambot-transcript-matrix-" + Guid.NewGuid().ToString("N")[..8]);

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    [Fact]
    public async Task Every_crash_of_a_run_answered_from_a_transcript_resumes_as_if_it_never_happened()
    {
        string recording = Path.Combine(_root, "recording");
        string run = Path.Combine(_root, "recorded-run");
        Directory.CreateDirectory(run);
        var recorder = new RecordingAgent(new OfflineAgent(), Transcript.ForRecording(recording));
        WorkflowResult recorded = await new RunDriver<Stage>(Workflow.Definition, AgentRegistry.ForAll(recorder), new WorkflowRunnerOptions { WorkingDirectory = run })
            .StartAsync(new FileStateStore(run), Objective, run);
        Assert.Equal(RunStatus.Complete, recorded.Status);
        var replays = new ConcurrentBag<ReplayAgent>();
        ScriptedTeam team = ScriptedTeam.For(Workflow.Definition).AnsweredBy(() =>
        {
            var replay = new ReplayAgent(Transcript.ForReplay(recording));
            replays.Add(replay);
            return replay;
        });
        using var host = new LocalCrashTestHost<Stage>(Workflow.Definition);

        CrashMatrixReport report = await new CrashMatrix<Stage>(Workflow.Definition, team, host) { Objective = Objective }.RunAsync();

        Assert.True(report.CrashPoints > 0);
        report.EnsureEquivalent();
        Assert.All(replays, replay => Assert.Empty(replay.Mismatches));
        Assert.True(replays.Sum(replay => replay.Replayed) > report.CrashPoints, "the runs were answered from the transcript");
    }
}
