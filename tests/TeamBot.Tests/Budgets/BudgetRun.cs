using System;
using System.IO;
using System.Threading.Tasks;
using TeamBot.Agents;
using TeamBot.Definitions;
using TeamBot.Execution;
using TeamBot.State;
using TeamBot.Testing;
using TeamBot.Tests.Fakes;

namespace TeamBot.Tests.Budgets;

/// <summary>
/// One run of the repository's workflow by a scripted team in a folder of its own, one session at a time, each with
/// the budget it is given. Members run one at a time, so the calls come in one order and a budget stops at one place.
/// </summary>
internal sealed class BudgetRun : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "teambot-budget-" + Guid.NewGuid().ToString("N")[..8]);

    public BudgetRun(Func<ScriptedTeam> script)
    {
        Directory.CreateDirectory(_root);
        Store = new FileStateStore(_root);
        Agent = new MeteredTeam(script());
    }

    public FileStateStore Store { get; }

    public MeteredTeam Agent { get; }

    /// <summary>The repository's delivery workflow with a rejection in each review and one failed acceptance run.</summary>
    public static ScriptedTeam Delivery() => ScriptedTeam.For(Workflow.Definition)
        .RejectReview("SPEC_REVIEW", times: 2)
        .RejectReview("IMPLEMENTATION_REVIEW", times: 1)
        .FailAcceptanceRuns(1);

    public Task<WorkflowResult> StartAsync(RunBudget? budget) =>
        Driver(budget).StartAsync(Store, TestRun.Objective, _root);

    public Task<WorkflowResult> ResumeAsync(RunBudget? budget) =>
        Driver(budget).ResumeAsync(Store, TestRun.Objective, _root);

    public async Task<SavedRun<Stage>> LoadAsync() =>
        await SavedRun.LoadAsync(Workflow.Definition, Store) ?? throw new InvalidOperationException("No saved run.");

    public void Dispose()
    {
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: the OS cleans the temp folder.
        }
    }

    private RunDriver<Stage> Driver(RunBudget? budget) => new(Workflow.Definition, AgentRegistry.ForAll(Agent), new WorkflowRunnerOptions
    {
        Budget = budget,
        MaxConcurrency = 1,
        TimeProvider = Agent.Team.Clock,
        WorkingDirectory = _root,
    });
}
