using System;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using TeamBot.Agents;
using TeamBot.Agents.Replay;

namespace TeamBot.Hosting.Tests;

/// <summary>What a transcript keeps and masks, and how a replay matches calls.</summary>
public sealed class TranscriptTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "teambot-transcript-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    [Theory]
    [InlineData("key sk-abcdefghijklmnop1234 here", "key [REDACTED] here")]
    [InlineData("GITHUB_TOKEN=ghp_abcdefghijklmnopqrstuvwx12", "GITHUB_TOKEN=[REDACTED]")]
    [InlineData("{\"api_key\": \"k3yabc123456\"}", "{\"api_key\": \"[REDACTED]\"}")]
    [InlineData("password=hunter22", "password=[REDACTED]")]
    [InlineData("Authorization: Bearer abcdefghijklmnop.qrstuv", "Authorization: Bearer [REDACTED]")]
    [InlineData("the run's own secret-value-42x", "the run's own [REDACTED]")]
    [InlineData("await ReadAsync(buffer, cancellationToken: cancellationToken);", "await ReadAsync(buffer, cancellationToken: cancellationToken);")]
    [InlineData("max_tokens: 12345678 and a token budget of 2000000", "max_tokens: 12345678 and a token budget of 2000000")]
    [InlineData("next_token = \"page\"", "next_token = \"page\"")]
    public void Secrets_are_masked_and_ordinary_text_and_code_are_left_alone(string text, string expected)
    {
        var redactor = new Redactor(["secret-value-42x", "short"]);

        Assert.Equal(expected, redactor.Redact(text));
    }

    [Fact]
    public async Task A_line_cut_short_by_a_crash_is_dropped_when_the_recording_goes_on_and_ignored_by_a_replay()
    {
        Transcript transcript = Transcript.ForRecording(_folder);
        var agent = new RecordingAgent(new EchoAgent(), transcript);
        await agent.RunAsync(Request("SETUP", "pm", 1), CancellationToken.None);
        File.AppendAllText(transcript.Path, "{\"agent\":\"pm\",\"task\":\"Wo");

        Assert.Single(Transcript.ForReplay(_folder).Entries);
        Transcript resumed = Transcript.ForRecording(_folder);
        await new RecordingAgent(new EchoAgent(), resumed).RunAsync(Request("SPEC", "ba", 1), CancellationToken.None);

        Assert.Equal(["SETUP", "SPEC"], Transcript.ForReplay(_folder).Entries.Select(entry => entry.Stage));
        Assert.Equal(2, File.ReadAllLines(transcript.Path).Length);
    }

    [Fact]
    public async Task Calls_of_the_same_place_match_by_prompt_so_a_loop_resumed_in_another_session_replays()
    {
        Transcript transcript = Transcript.ForRecording(_folder);
        var recording = new RecordingAgent(new EchoAgent(), transcript);
        await recording.RunAsync(Request("PLAN_REVIEW", "pm", 1, feedback: "first round"), CancellationToken.None);
        await recording.RunAsync(Request("PLAN_REVIEW", "pm", 1, feedback: "second round"), CancellationToken.None);
        var replay = new ReplayAgent(Transcript.ForReplay(_folder));

        AgentResponse second = await replay.RunAsync(Request("PLAN_REVIEW", "pm", 1, feedback: "second round"), CancellationToken.None);
        AgentResponse first = await replay.RunAsync(Request("PLAN_REVIEW", "pm", 1, feedback: "first round"), CancellationToken.None);
        var ex = await Assert.ThrowsAsync<ReplayMismatchException>(() => replay.RunAsync(Request("PLAN_REVIEW", "pm", 1, feedback: "third round"), CancellationToken.None));

        Assert.Equal("echo second round", second.Output);
        Assert.Equal("echo first round", first.Output);
        Assert.Equal(2, replay.Replayed);
        Assert.Contains("The transcript has no such call", ex.Message, StringComparison.Ordinal);
        Assert.Equal("PLAN_REVIEW", Assert.Single(replay.Mismatches).Stage);
    }

    [Fact]
    public async Task Answers_are_kept_with_the_run_s_folders_as_placeholders_and_replayed_in_the_folders_of_the_replay()
    {
        var recording = new RecordingAgent(new EchoAgent(), Transcript.ForRecording(_folder));
        await recording.RunAsync(Request("SPEC", "ba", 1, workspace: "/runs/first"), CancellationToken.None);
        string line = File.ReadAllText(Path.Combine(_folder, Transcript.FileName));

        AgentResponse replayed = await new ReplayAgent(Transcript.ForReplay(_folder)).RunAsync(Request("SPEC", "ba", 1, workspace: "/elsewhere/second"), CancellationToken.None);

        Assert.DoesNotContain("/runs/first", line, StringComparison.Ordinal);
        Assert.Contains("{workspace}/notes.md", line, StringComparison.Ordinal);
        Assert.Equal("wrote /elsewhere/second/notes.md", replayed.ToolCalls.Single().Summary);
    }

    private static AgentRequest Request(string stage, string agent, int iteration, string? feedback = null, string workspace = "/work") =>
        new(agent, feedback is null ? AgentTask.Work : AgentTask.ReviseWork, new StageContext
        {
            Stage = stage,
            StageName = stage,
            WorkingDirectory = workspace,
            ArtifactsDirectory = workspace + "/.teambot/run/artifacts",
            Iteration = iteration,
            ReviewFeedback = feedback,
        });

    /// <summary>Answers with what it was told, and a tool call that names a file in its workspace.</summary>
    private sealed class EchoAgent : IStageAgent
    {
        public Task<AgentResponse> RunAsync(AgentRequest request, CancellationToken cancellationToken) => Task.FromResult(new AgentResponse
        {
            Output = "echo " + (request.Context.ReviewFeedback ?? request.Context.Stage),
            ToolCalls = [new TeamBot.Rules.ToolCall("write_file", "{}", $"wrote {request.Context.WorkingDirectory}/notes.md", Refused: false)],
        });
    }
}
