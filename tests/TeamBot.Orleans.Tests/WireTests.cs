using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using TeamBot.Agents;
using TeamBot.Orleans.Storage;
using TeamBot.Rules;

namespace TeamBot.Orleans.Tests;

/// <summary>What a worker grain's answer keeps when Orleans carries it between silos.</summary>
public sealed class WireTests
{
    [Fact]
    public void An_agent_response_crosses_the_wire_with_its_artifacts_verdict_and_tool_calls()
    {
        using ServiceProvider services = new ServiceCollection().AddSerializer(serializer => serializer.AddAssembly(typeof(GrainRunStore).Assembly)).BuildServiceProvider();
        Serializer serializer = services.GetRequiredService<Serializer>();
        var response = new AgentResponse
        {
            Output = "done",
            Artifacts = new Dictionary<string, string> { ["notes.md"] = "# Notes" },
            Verdict = ReviewVerdict.Approved,
            Usage = new Microsoft.Extensions.AI.UsageDetails { InputTokenCount = 1200, OutputTokenCount = 345, TotalTokenCount = 1600 },
            ModelId = "gpt-4.1-mini",
            ToolCalls = [new ToolCall("edit_file", """{"path":"src/a.cs"}""", "edited src/a.cs", Refused: false) { Agent = "builder-1" }, new ToolCall("run_command", """{"program":"dotnet"}""", "exit code 0", Refused: false) { Output = "Passed!" }, new ToolCall("run_command", """{"program":"curl"}""", "Refused: this stage may not run 'curl'", Refused: true)],
        };

        AgentResponse copy = serializer.Deserialize<AgentResponse>(serializer.SerializeToArray(response))!;

        Assert.Equal(response.Output, copy.Output);
        Assert.Equal(response.Artifacts, copy.Artifacts);
        Assert.Equal(response.Verdict, copy.Verdict);
        Assert.Equal(response.ToolCalls.ToArray(), copy.ToolCalls.ToArray());
        Assert.Equal((1200L, 345L, 1600L), (copy.Usage!.InputTokenCount!.Value, copy.Usage.OutputTokenCount!.Value, copy.Usage.TotalTokenCount!.Value));
        Assert.Equal("gpt-4.1-mini", copy.ModelId);
        Assert.Null(serializer.Deserialize<AgentResponse>(serializer.SerializeToArray(response with { Usage = null }))!.Usage);
    }

    [Fact]
    public void A_submission_crosses_the_wire_with_the_run_s_token_and_cost_budget()
    {
        using ServiceProvider services = new ServiceCollection().AddSerializer(serializer => serializer.AddAssembly(typeof(GrainRunStore).Assembly)).BuildServiceProvider();
        Serializer serializer = services.GetRequiredService<Serializer>();
        var budget = new TeamBot.Definitions.RunBudget { Tokens = 200_000, Cost = 5m, Prices = [new TeamBot.Definitions.ModelPrice("gpt-4.1-mini", 0.40m, 1.60m)] };
        var submission = TeamBot.Orleans.Contracts.RunSubmission.From(ClusterTests.Objective("budgeted"), new TeamBot.Execution.RunOverrides(Budget: budget));

        TeamBot.Definitions.RunBudget carried = serializer.Deserialize<TeamBot.Orleans.Contracts.RunSubmission>(serializer.SerializeToArray(submission))!.Overrides.Budget!;

        Assert.Equal((200_000L, 5m), (carried.Tokens!.Value, carried.Cost!.Value));
        Assert.Equal(budget.Prices.ToArray(), carried.Prices.ToArray());
        Assert.Null(TeamBot.Orleans.Contracts.RunSubmission.From(ClusterTests.Objective("unbudgeted")).Overrides.Budget);
    }

    [Fact]
    public void A_resume_s_overrides_cross_the_wire_and_go_over_the_submission_field_by_field()
    {
        using ServiceProvider services = new ServiceCollection().AddSerializer(serializer => serializer.AddAssembly(typeof(GrainRunStore).Assembly)).BuildServiceProvider();
        Serializer serializer = services.GetRequiredService<Serializer>();
        var given = new TeamBot.Execution.RunOverrides(TimeSpan.FromHours(2), 3, true, new TeamBot.Definitions.RunBudget { Tokens = 500_000 });

        TeamBot.Execution.RunOverrides carried = serializer.Deserialize<TeamBot.Execution.RunOverrides>(serializer.SerializeToArray(given))!;

        Assert.Equal((given.TimeBudget, given.MaxConcurrency, given.SkipOptionalStages), (carried.TimeBudget, carried.MaxConcurrency, carried.SkipOptionalStages));
        Assert.Equal((500_000L, (decimal?)null), (carried.Budget!.Tokens!.Value, carried.Budget.Cost));
        Assert.Empty(carried.Budget.Prices);
        Assert.Equal(TeamBot.Execution.RunOverrides.None, serializer.Deserialize<TeamBot.Execution.RunOverrides>(serializer.SerializeToArray(TeamBot.Execution.RunOverrides.None)));

        // A token budget given on resume keeps the submitted cost budget and prices; the rest it sets.
        var price = new TeamBot.Definitions.ModelPrice("gpt-4.1-mini", 0.40m, 1.60m);
        var submission = TeamBot.Orleans.Contracts.RunSubmission.From(ClusterTests.Objective("budgeted"), new TeamBot.Execution.RunOverrides(Budget: new TeamBot.Definitions.RunBudget { Tokens = 1_000, Cost = 5m, Prices = [price] }));
        submission.Override(carried);
        TeamBot.Execution.RunOverrides now = submission.Overrides;
        Assert.Equal((TimeSpan.FromHours(2), 3, true), (now.TimeBudget!.Value, now.MaxConcurrency!.Value, now.SkipOptionalStages!.Value));
        Assert.Equal((500_000L, 5m), (now.Budget!.Tokens!.Value, now.Budget.Cost!.Value));
        Assert.Equal([price], now.Budget.Prices.ToArray());
    }

    [Fact]
    public void Agent_activity_and_the_event_it_becomes_cross_the_wire_with_their_agent()
    {
        using ServiceProvider services = new ServiceCollection().AddSerializer(serializer => serializer.AddAssembly(typeof(GrainRunStore).Assembly)).BuildServiceProvider();
        Serializer serializer = services.GetRequiredService<Serializer>();
        AgentActivity[] batch = [new(AgentActivityKind.Text, "Reading the spec"), new(AgentActivityKind.ToolCall, "read_file feature_spec.md")];
        var @event = new TeamBot.Execution.WorkflowEvent(WorkflowEventKind.ToolCalled, System.DateTimeOffset.UnixEpoch, "IMPLEMENTATION", "build", 2, "read_file feature_spec.md") { Agent = "builder-1" };

        Assert.Equal(batch, serializer.Deserialize<AgentActivity[]>(serializer.SerializeToArray(batch)));
        Assert.Equal(@event, serializer.Deserialize<TeamBot.Execution.WorkflowEvent>(serializer.SerializeToArray(@event)));

        // The run's end and a group's outcome carry their payloads to the client too.
        var ended = new TeamBot.Execution.WorkflowEvent(WorkflowEventKind.RunStopped, System.DateTimeOffset.UnixEpoch, Detail: "cancelled") { Status = RunStatus.Cancelled, Elapsed = System.TimeSpan.FromSeconds(95.5) };
        var group = new TeamBot.Execution.WorkflowEvent(WorkflowEventKind.GroupFailed, System.DateTimeOffset.UnixEpoch, Group: "build") { AllSucceeded = false };
        Assert.Equal(ended, serializer.Deserialize<TeamBot.Execution.WorkflowEvent>(serializer.SerializeToArray(ended)));
        Assert.Equal(group, serializer.Deserialize<TeamBot.Execution.WorkflowEvent>(serializer.SerializeToArray(group)));
        var tokens = new TeamBot.Execution.WorkflowEvent(WorkflowEventKind.TokensUsed, System.DateTimeOffset.UnixEpoch, "SPEC") { Agent = "ba", Tokens = new TokenUsage(900, 100, 1000) };
        Assert.Equal(tokens, serializer.Deserialize<TeamBot.Execution.WorkflowEvent>(serializer.SerializeToArray(tokens)));
    }

    [Fact]
    public void A_request_crosses_the_wire_with_its_stage_s_permissions_so_the_worker_s_agent_is_bounded_by_them()
    {
        using ServiceProvider services = new ServiceCollection().AddSerializer(serializer => serializer.AddAssembly(typeof(GrainRunStore).Assembly)).BuildServiceProvider();
        Serializer serializer = services.GetRequiredService<Serializer>();
        var permissions = new TeamBot.Definitions.StagePermissions
        {
            Tools = ["read_file", "write_file", "run_command"],
            Write = ["docs/**"],
            WriteByAgent = [new TeamBot.Definitions.AgentWritePaths("builder-1", ["src/**"]), new TeamBot.Definitions.AgentWritePaths("builder-2", ["tests/**", "tests/data/*.csv"])],
            Commands = ["dotnet"],
        };
        var request = new AgentRequest("builder-2", AgentTask.Work, new StageContext { Stage = "IMPLEMENTATION", StageName = "Implementation", WorkingDirectory = "/work", ArtifactsDirectory = "/work/artifacts", Permissions = permissions });

        AgentRequest copy = serializer.Deserialize<AgentRequest>(serializer.SerializeToArray(request))!;

        TeamBot.Definitions.StagePermissions carried = copy.Context.Permissions!;
        Assert.Equal(permissions.Tools.ToArray(), carried.Tools.ToArray());
        Assert.Equal(permissions.Commands.ToArray(), carried.Commands.ToArray());
        Assert.Equal(["docs/**", "tests/**", "tests/data/*.csv"], carried.WritableFor("builder-2").ToArray());
        Assert.Equal(["docs/**", "src/**"], carried.WritableFor("builder-1").ToArray());
        Assert.Null(serializer.Deserialize<AgentRequest>(serializer.SerializeToArray(request with { Context = request.Context with { Permissions = null } }))!.Context.Permissions);
    }
}
