using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using TeamBot.Agents.Replay;
using TeamBot.State;

namespace TeamBot.Hosting.Tests;

/// <summary>
/// A run recorded against the loopback OpenAI-protocol server with <c>--record</c>, then replayed with
/// <c>--agent replay:&lt;dir&gt;</c>: with no model call and the same final state, and, after a prompt template is
/// edited, with the first call that differs reported (strict) or answered by a live agent (fallback).
/// </summary>
public sealed class ReplayTests
{
    private const string Edited = "Plan in steps of at most half a day each.";

    /// <summary>A command-line harness over a loopback model, with one run of the workflow recorded in <c>recording/</c>.</summary>
    private sealed class Recorded : IAsyncDisposable
    {
        public string Key { get; } = "TEAMBOT_TEST_KEY_" + Guid.NewGuid().ToString("N");

        public string Secret { get; } = "sk-test" + Guid.NewGuid().ToString("N");

        public FakeOpenAiServer Server { get; } = new();

        public CliHarness Cli { get; } = new();

        public int Calls => File.ReadAllLines(Path.Combine(Cli.Directory, "recording", Transcript.FileName)).Length;

        public string[] OpenAi => ["--endpoint", Server.Endpoint, "--model", "fake-model", "--api-key-variable", Key];

        public static async Task<Recorded> StartAsync()
        {
            var recorded = new Recorded();
            Environment.SetEnvironmentVariable(recorded.Key, recorded.Secret);
            (int exit, string output, string error) = await recorded.Cli.RunAsync(["run", "objectives/add-export.md", "--agent", "openai", .. recorded.OpenAi, "--record", "recording"]);
            Assert.True(exit == ExitCodes.Complete, output + error);
            return recorded;
        }

        public async ValueTask DisposeAsync()
        {
            Cli.Dispose();
            await Server.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_recorded_run_replays_with_no_model_call_and_ends_in_the_same_state()
    {
        await using Recorded recorded = await Recorded.StartAsync();
        CliHarness cli = recorded.Cli;
        int requests = recorded.Server.Requests.Count;
        string transcript = File.ReadAllText(Path.Combine(cli.Directory, "recording", Transcript.FileName));
        Assert.DoesNotContain(recorded.Secret, transcript, StringComparison.Ordinal);
        Assert.Contains(RecordedCallPlaceholder, transcript, StringComparison.Ordinal);

        (int exit, string output, string error) = await cli.RunAsync(["run", "objectives/add-export.md", "--agent", "replay:recording", "--teambot-dir", "replayed"]);

        Assert.True(exit == ExitCodes.Complete, output + error);
        Assert.Equal(requests, recorded.Server.Requests.Count);
        Assert.Contains($"Replayed all {recorded.Calls} calls from the transcript; no call differed and no model was asked.", output, StringComparison.Ordinal);
        OrchestrationStateDocument original = await LoadAsync(cli.RunDirectory("csv-export"));
        OrchestrationStateDocument replayed = await LoadAsync(Path.Combine(cli.Directory, "replayed", "csv-export"));
        Assert.Equal("complete", replayed.Status);
        Assert.Equal(Comparable(original), Comparable(replayed));
    }

    [Fact]
    public async Task After_a_prompt_template_edit_a_strict_replay_fails_at_the_first_differing_call_with_its_diff()
    {
        await using Recorded recorded = await Recorded.StartAsync();
        CliHarness cli = recorded.Cli;
        int requests = recorded.Server.Requests.Count;
        cli.Workflow = AlteredWorkflow.WithPromptTemplate(Workflow.Definition, Stage.Plan, Edited);

        (int exit, string output, string error) = await cli.RunAsync(["run", "objectives/add-export.md", "--agent", "replay:recording", "--teambot-dir", "edited"]);

        Assert.True(exit == ExitCodes.StageFailed, output + error);
        Assert.Equal(requests, recorded.Server.Requests.Count);
        Assert.Contains("Replay differs from the transcript at call ", output, StringComparison.Ordinal);
        Assert.Matches(@"at call \d+: stage PLAN, iteration 1, pm \(Work\)\.", output);
        Assert.Contains("+ " + Edited, output, StringComparison.Ordinal);
        OrchestrationStateDocument stopped = await LoadAsync(Path.Combine(cli.Directory, "edited", "csv-export"));
        Assert.Equal("error", stopped.Status);
        Assert.Equal("PLAN", stopped.CurrentStage);
        Assert.Contains("RESEARCH", stopped.CompletedStages!);
    }

    [Fact]
    public async Task With_a_fallback_agent_the_calls_that_differ_go_to_the_model_and_the_rest_are_replayed()
    {
        await using Recorded recorded = await Recorded.StartAsync();
        int requests = recorded.Server.Requests.Count;
        recorded.Cli.Workflow = AlteredWorkflow.WithPromptTemplate(Workflow.Definition, Stage.Plan, Edited);

        (int exit, string output, string error) = await recorded.Cli.RunAsync(["run", "objectives/add-export.md", "--agent", "replay:recording", "--replay-fallback", "openai", .. recorded.OpenAi, "--teambot-dir", "fallback"]);

        Assert.True(exit == ExitCodes.Complete, output + error);
        int live = recorded.Server.Requests.Count - requests;
        Assert.InRange(live, 1, recorded.Calls - 1);
        Assert.Matches(@"Replayed \d+ calls from the transcript; \d+ differed and were answered by the fallback agent\. The first: Replay differs from the transcript at call \d+: stage PLAN, iteration 1, pm \(Work\)\.", output);
    }

    private const string RecordedCallPlaceholder = "{artifacts}";

    private static async Task<OrchestrationStateDocument> LoadAsync(string runDirectory) =>
        await new FileStateStore(runDirectory).LoadAsync(CancellationToken.None) ?? throw new InvalidOperationException($"No state in {runDirectory}.");

    /// <summary>The state without what differs between any two sessions: times, the agent that ran it, where it was.</summary>
    private static string Comparable(OrchestrationStateDocument document)
    {
        document.ElapsedSeconds = 0;
        document.Agent = null;
        document.ObjectiveFile = null;
        return JsonSerializer.Serialize(document, StateJsonContext.Default.OrchestrationStateDocument);
    }
}
