using System.Collections.Concurrent;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;
using TeamBot.Agents;
using TeamBot.Definitions;
using TeamBot.Execution;
using TeamBot.Rules;
using TeamBot.State;
using TeamBot.Tests.Fakes;
using Xunit;

namespace TeamBot.Tests.Budgets;

/// <summary>
/// A workflow whose stages declare max_tokens_per_call: the driver holds each call's limit against the budget before
/// making it, so a run never uses more than its budget, and a call that reports more than its limit fails its stage.
/// </summary>
public sealed class PerCallLimitTests
{
    [Fact]
    public void The_declared_budget_is_the_build_time_worst_case_of_the_workflow()
    {
        Assert.Equal(3500, Metered.Definition.Budget.Tokens);
        Assert.Equal(7, Metered.Definition.Costs.WorstCaseCalls);
        Assert.Equal(3500, Metered.Definition.Costs.WorstCaseTokens);
        Assert.Equal(500, Metered.Definition.GetStage(MeteredStage.Check).MaxTokensPerCall);
    }

    [Fact]
    public async Task A_run_whose_every_call_uses_its_whole_limit_in_every_iteration_finishes_exactly_on_the_declared_budget()
    {
        using var run = new TestRun();
        var team = new FixedUsageTeam(tokens: 500);

        WorkflowResult result = await RunAsync(run, team);

        Assert.Equal(RunStatus.Complete, result.Status);
        Assert.Equal(7, team.Calls);
        Assert.Equal(3500, result.Usage.TotalTokens);
        Assert.Equal(3500, (await SavedRun.LoadAsync(Metered.Definition, run.Store))!.Document.MaxTokens);
    }

    [Fact]
    public async Task One_token_less_stops_the_run_before_the_calls_that_could_exceed_it_and_the_budget_is_never_exceeded()
    {
        using var run = new TestRun();
        var team = new FixedUsageTeam(tokens: 500);

        WorkflowResult result = await RunAsync(run, team, new RunBudget { Tokens = 3499 });

        Assert.Equal(RunStatus.BudgetExceeded, result.Status);
        Assert.Equal(5, team.Calls);
        Assert.Equal(2500, result.Usage.TotalTokens);
        Assert.Equal("The run's token budget (3,499) would be exceeded: 2,500 used, and the next 2 calls of BUILD may use up to 1,000. The state is saved; resume with a larger budget.", result.Error);
    }

    [Fact]
    public async Task A_call_that_reports_more_than_its_limit_fails_its_stage_and_its_tokens_are_counted()
    {
        using var run = new TestRun();
        var team = new FixedUsageTeam(tokens: 501);

        WorkflowResult result = await RunAsync(run, team);

        Assert.Equal(RunStatus.Error, result.Status);
        Assert.Contains("pm's call used 501 tokens, more than the stage's max_tokens_per_call of 500", result.Error!, System.StringComparison.Ordinal);
        Assert.Equal(1, team.Calls);
        Assert.Equal(501, result.Usage.TotalTokens);
        Assert.Equal(500, team.Limits.Single());
    }

    [Fact]
    public async Task An_agent_that_reports_no_usage_stops_a_budgeted_run_before_its_next_call_naming_it()
    {
        using var run = new TestRun();

        WorkflowResult result = await run.Runner(Metered.Definition).RunAsync(TestRun.Objective);

        Assert.Equal(RunStatus.BudgetExceeded, result.Status);
        Assert.Single(run.Team.Calls);
        Assert.StartsWith("The run's budget cannot be kept: agent 'pm' reports no token usage.", result.Error, System.StringComparison.Ordinal);
    }

    private static Task<WorkflowResult> RunAsync(TestRun run, FixedUsageTeam team, RunBudget? budget = null) =>
        new WorkflowRunner<MeteredStage>(Metered.Definition, AgentRegistry.ForAll(team), run.Store, new WorkflowRunnerOptions { WorkingDirectory = run.Directory, Budget = budget }).RunAsync(TestRun.Objective);

    /// <summary>Reports the same tokens for every call, approves a review only at its last iteration, and keeps the limit each call was given.</summary>
    private sealed class FixedUsageTeam(long tokens) : IStageAgent
    {
        private int _calls;

        public int Calls => Volatile.Read(ref _calls);

        public ConcurrentBag<int> Limits { get; } = [];

        public Task<AgentResponse> RunAsync(AgentRequest request, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _calls);
            if (request.Context.MaxTokensPerCall is { } limit)
            {
                Limits.Add(limit);
            }

            return Task.FromResult(new AgentResponse
            {
                Output = $"{request.Context.Stage} {request.Task} #{request.Context.Iteration}",
                Verdict = request.Task == AgentTask.Review ? (request.Context.Iteration >= 2 ? ReviewVerdict.Approved : ReviewVerdict.ChangesRequested) : null,
                Usage = new UsageDetails { InputTokenCount = tokens - 100, OutputTokenCount = 100, TotalTokenCount = tokens },
                ModelId = "fixed",
            });
        }
    }
}
