using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using TeamBot.AcceptanceTests;
using TeamBot.Agents;

namespace TeamBot.Hosting.Tests;

/// <summary>A program that hosts the command line offers its own agents with <c>--agent</c>, and a resume keeps them.</summary>
public sealed class CustomAgentTests
{
    [Fact]
    public async Task A_custom_agent_runs_the_workflow_and_a_resume_after_ctrl_c_makes_it_again_with_the_same_model()
    {
        var made = new ConcurrentQueue<CustomAgentContext>();
        var calls = new ConcurrentQueue<string>();
        using var cli = new CliHarness
        {
            CustomAgents = new Dictionary<string, Func<CustomAgentContext, CancellationToken, ValueTask<IStageAgent>>>
            {
                ["echo"] = (context, _) =>
                {
                    made.Enqueue(context);
                    return ValueTask.FromResult<IStageAgent>(new RecordingAgent(calls));
                },
            },
        };
        using var cancel = new CancellationTokenSource();
        cli.OnLine = line =>
        {
            if (line.Contains("StageStarted PLAN", StringComparison.Ordinal))
            {
                cancel.Cancel();
            }
        };

        Assert.Equal(ExitCodes.Cancelled, (await cli.RunAsync(["run", "objectives/add-export.md", "--agent", "echo", "--model", "m-1"], cancel.Token)).ExitCode);
        cli.OnLine = null;
        JsonNode agent = JsonNode.Parse(File.ReadAllText(Path.Combine(cli.RunDirectory("csv-export"), "orchestration_state.json")))!["agent"]!;
        Assert.Equal("echo", agent["kind"]!.GetValue<string>());
        Assert.Equal("m-1", agent["settings"]!["model"]!.GetValue<string>());

        (int exit, string output, string error) = await cli.RunAsync(["resume", "csv-export"]);

        Assert.True(exit == ExitCodes.Complete, output + error);
        Assert.Contains("Resuming with the echo agent (model m-1) the run started with", output, StringComparison.Ordinal);
        Assert.Equal(2, made.Count);
        Assert.All(made, context => Assert.Equal(new CustomAgentContext("echo", cli.Directory, "m-1", null), context));
        Assert.Equal("Review POST_REVIEW", calls.Last());
        Assert.DoesNotContain("offline", File.ReadAllText(Path.Combine(cli.RunDirectory("csv-export"), "artifacts", "implementation_plan.md")), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_run_started_with_an_agent_the_program_no_longer_offers_is_not_resumed_with_another()
    {
        using var cli = new CliHarness
        {
            CustomAgents = new Dictionary<string, Func<CustomAgentContext, CancellationToken, ValueTask<IStageAgent>>>
            {
                ["echo"] = (_, _) => ValueTask.FromResult<IStageAgent>(new RecordingAgent([])),
            },
        };
        using var cancel = new CancellationTokenSource();
        cli.OnLine = line =>
        {
            if (line.Contains("StageStarted PLAN", StringComparison.Ordinal))
            {
                cancel.Cancel();
            }
        };
        Assert.Equal(ExitCodes.Cancelled, (await cli.RunAsync(["run", "objectives/add-export.md", "--agent", "echo"], cancel.Token)).ExitCode);
        cli.OnLine = null;
        string state = Path.Combine(cli.RunDirectory("csv-export"), "orchestration_state.json");
        string before = File.ReadAllText(state);
        cli.CustomAgents = null;

        (int exit, string output, string error) = await cli.RunAsync(["resume", "csv-export"]);

        Assert.Equal(ExitCodes.BadInput, exit);
        Assert.Equal("The run started with the 'echo' agent, which this command line does not offer; pass --agent offline|openai|copilot to choose one.", error.Trim());
        Assert.DoesNotContain("Exception", output + error, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllText(state));
    }

    [Fact]
    public void Help_offers_the_custom_agents_and_a_name_that_would_hide_a_built_in_one_is_refused()
    {
        var settings = new TeamBotCliSettings
        {
            CustomAgents = new Dictionary<string, Func<CustomAgentContext, CancellationToken, ValueTask<IStageAgent>>> { ["echo"] = (_, _) => default },
        };
        var output = new StringWriter();
        TeamBotCli.Create(Workflow.Definition, settings with { Output = output }).Parse(["run", "--help"]).Invoke(new System.CommandLine.InvocationConfiguration { Output = output });
        Assert.Contains("this program's own: 'echo'", output.ToString(), StringComparison.Ordinal);

        foreach (string bad in new[] { "offline", "OpenAI", "", "two words", "-x", "replay:dir" })
        {
            var error = Assert.Throws<ArgumentException>(() => TeamBotCli.Create(Workflow.Definition, settings with
            {
                CustomAgents = new Dictionary<string, Func<CustomAgentContext, CancellationToken, ValueTask<IStageAgent>>> { [bad] = (_, _) => default },
            }));
            Assert.StartsWith($"'{bad}' cannot name a custom agent", error.Message, StringComparison.Ordinal);
        }
    }

    /// <summary>Does each stage's work in a line, approves every review and passes every scenario it is given, after a test run.</summary>
    private sealed class RecordingAgent(ConcurrentQueue<string> calls) : IStageAgent
    {
        public Task<AgentResponse> RunAsync(AgentRequest request, CancellationToken cancellationToken)
        {
            calls.Enqueue($"{request.Task} {request.Context.Stage}");
            StageContext context = request.Context;
            return Task.FromResult(request.Task switch
            {
                AgentTask.Review => new AgentResponse { Output = "fine", Verdict = ReviewVerdict.Approved },
                AgentTask.RunAcceptanceTests => new AgentResponse
                {
                    Output = "ran",

                    // The stage may run commands, so a pass counts only with a test run behind it.
                    ToolCalls = [new TeamBot.Rules.ToolCall("run_command", "{\"program\":\"dotnet\"}", "exit code 0", Refused: false)],
                    ScenarioResults = [.. context.Scenarios.Select(scenario => new ScenarioResult(scenario.Id, ScenarioOutcome.Passed, "ok"))],
                },
                _ => new AgentResponse
                {
                    Output = $"{context.StageName} done by echo",
                    Artifacts = context.RequiredArtifacts.ToDictionary(
                        artifact => artifact,
                        artifact => artifact == "feature_spec.md" ? "# Spec\n\n## Acceptance Test Scenarios\n\n### AT-001: export\n**Description**: exports\n" : $"# {artifact}\nby echo\n"),
                },
            });
        }
    }
}
