using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using TeamBot.Definitions;
using TeamBot.Execution;
using TeamBot.Rules;
using TeamBot.State;
using TeamBot.Testing;
using Xunit;
using Xunit.Abstractions;

namespace TeamBot.Tests.Budgets;

/// <summary>Token usage counted and saved with the run, and the token and cost budgets the driver keeps.</summary>
public sealed class RunBudgetTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Usage_is_counted_per_stage_agent_and_model_saved_with_the_run_and_reported_in_the_result()
    {
        using var run = new BudgetRun(BudgetRun.Delivery);

        WorkflowResult result = await run.StartAsync(null);

        Assert.Equal(RunStatus.Complete, result.Status);
        SavedRun<Stage> saved = await run.LoadAsync();
        long reported = run.Agent.Answered.Sum(call => call.Tokens);
        Assert.True(reported > 0);
        Assert.Equal(reported, saved.State.TotalUsage.TotalTokens);
        Assert.Equal(reported, result.Usage.TotalTokens);

        // One line per stage, agent and model, with the calls each made: SPEC_REVIEW rejected twice, so three rounds of
        // the ba's revision and the reviewer's verdict.
        Assert.All(saved.State.Usage, line => Assert.Equal(ScriptedTeam.Model, line.Model));
        UsageLine<Stage> revisions = Assert.Single(saved.State.Usage, line => line.Stage == Stage.SpecReview && line.Agent == "ba");
        Assert.Equal(3, revisions.Calls);
        Assert.Equal(3, Assert.Single(saved.State.Usage, line => line.Stage == Stage.SpecReview && line.Agent == "reviewer").Calls);
        Assert.Equal(run.Agent.Answered.Where(call => call.Call.Stage == "SPEC_REVIEW" && call.Call.Agent == "ba").Sum(call => call.Tokens), revisions.Tokens.TotalTokens);
        Assert.Equal(2, saved.State.Usage.Where(line => line.Stage == Stage.Implementation).Sum(line => line.Calls));
        Assert.Equal(run.Agent.Answered.Count, saved.State.Usage.Sum(line => line.Calls));
        Assert.Equal(saved.Document.TokenUsage!.Select(line => line.Stage).Distinct(), Workflow.Definition.StageOrder.Select(Workflow.Definition.GetStageName).Where(stage => saved.Document.TokenUsage!.Any(line => line.Stage == stage)));
    }

    /// <summary>
    /// Every place a token budget can stop the run: the budget is set to what the run has used after each of its calls
    /// in turn, so the next call is refused. Each stopped run is saved as budget_exceeded, then resumed with no budget,
    /// and must make exactly the calls and end in exactly the state of the run that was never stopped.
    /// </summary>
    [Fact]
    public async Task A_run_stopped_by_its_token_budget_anywhere_resumes_with_a_larger_one_as_if_never_stopped()
    {
        using var whole = new BudgetRun(BudgetRun.Delivery);
        Assert.Equal(RunStatus.Complete, (await whole.StartAsync(null)).Status);
        IReadOnlyList<(AgentCall Call, long Tokens)> calls = whole.Agent.Answered;
        SavedRun<Stage> expected = await whole.LoadAsync();

        long used = calls[0].Tokens;
        for (int made = 1; made < calls.Count; made++)
        {
            using var run = new BudgetRun(BudgetRun.Delivery);
            WorkflowResult stopped = await run.StartAsync(new RunBudget { Tokens = used });

            // The two parallel agents of IMPLEMENTATION hold the budget together: a budget that would let only the first
            // start lets neither or both.
            int before = run.Agent.Answered.Count;
            Assert.True(before == made || (before == made + 1 && calls[made].Call.Stage == "IMPLEMENTATION"), $"budget {used}: {before} calls made, expected {made}");
            Assert.Equal(RunStatus.BudgetExceeded, stopped.Status);
            Assert.Contains("token budget", stopped.Error!, System.StringComparison.Ordinal);
            SavedRun<Stage> saved = await run.LoadAsync();
            Assert.Equal("budget_exceeded", saved.Document.Status);
            Assert.Equal(used, saved.Document.MaxTokens);

            WorkflowResult resumed = await run.ResumeAsync(new RunBudget { Tokens = long.MaxValue });

            Assert.Equal(RunStatus.Complete, resumed.Status);
            // The same calls with the same inputs, each once; only IMPLEMENTATION's two agents, called at once, may
            // answer in either order.
            Assert.Equal(InOrder(calls), InOrder(run.Agent.Answered));
            SavedRun<Stage> actual = await run.LoadAsync();
            Assert.Equal(expected.State.Usage, actual.State.Usage);
            Assert.Equal(expected.State.Outputs.OrderBy(pair => pair.Key), actual.State.Outputs.OrderBy(pair => pair.Key));
            Assert.Equal(expected.State.Completed.Order(), actual.State.Completed.Order());
            Assert.Equal(expected.State.Acceptance.History, actual.State.Acceptance.History);
            used += calls[made].Tokens;
        }

        output.WriteLine($"Stopped and resumed after each of the first {calls.Count - 1} of {calls.Count} calls ({used:N0} tokens in the whole run).");
    }

    private static IEnumerable<AgentCall> InOrder(IReadOnlyList<(AgentCall Call, long Tokens)> calls) =>
        calls.Select((call, i) => (call.Call, Position: call.Call.Stage == "IMPLEMENTATION" && call.Call.Task == TeamBot.Agents.AgentTask.Work ? -1 : i))
            .OrderBy(call => call.Position == -1 ? calls.ToList().FindIndex(c => c.Call.Stage == "IMPLEMENTATION") : call.Position)
            .ThenBy(call => call.Call.Agent, System.StringComparer.Ordinal)
            .Select(call => call.Call);

    [Fact]
    public async Task A_run_resumed_with_the_budget_it_ran_out_of_stops_again_without_a_call()
    {
        using var run = new BudgetRun(BudgetRun.Delivery);
        Assert.Equal(RunStatus.BudgetExceeded, (await run.StartAsync(new RunBudget { Tokens = 5_000 })).Status);
        int made = run.Agent.Answered.Count;
        Assert.InRange(made, 1, 40);

        // No budget given: the saved one holds.
        WorkflowResult again = await run.ResumeAsync(null);

        Assert.Equal(RunStatus.BudgetExceeded, again.Status);
        Assert.Equal(made, run.Agent.Answered.Count);
        Assert.Equal(5_000, (await run.LoadAsync()).Document.MaxTokens);
    }

    [Fact]
    public async Task A_cost_budget_is_counted_at_each_models_price_and_an_unpriced_model_stops_the_run_saying_so()
    {
        var price = new ModelPrice(ScriptedTeam.Model, InputPerMillion: 2_000m, OutputPerMillion: 8_000m);
        using var priced = new BudgetRun(BudgetRun.Delivery);

        WorkflowResult stopped = await priced.StartAsync(new RunBudget { Cost = 10m, Prices = [price] });

        Assert.Equal(RunStatus.BudgetExceeded, stopped.Status);
        SavedRun<Stage> saved = await priced.LoadAsync();
        decimal cost = saved.State.Usage.Sum(line => price.CostOf(line.Tokens.InputTokens, line.Tokens.OutputTokens));
        // Refused once the next call, at the highest price, could no longer fit: nothing of the budget is left unused.
        Assert.True(cost > 10m - price.CostOf(0, 1), $"stopped at {cost}");
        Assert.Contains("cost budget (10.00)", stopped.Error!, System.StringComparison.Ordinal);
        Assert.Equal(10m, saved.Document.MaxCost);

        using var unpriced = new BudgetRun(BudgetRun.Delivery);
        WorkflowResult refused = await unpriced.StartAsync(new RunBudget { Cost = 10m, Prices = [price with { Model = "gpt-4.1" }] });

        Assert.Equal(RunStatus.BudgetExceeded, refused.Status);
        Assert.Single(unpriced.Agent.Answered);
        Assert.Contains("model 'scripted' has no price", refused.Error!, System.StringComparison.Ordinal);
    }
}
