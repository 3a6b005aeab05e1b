using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using TeamBot.Agents;
using TeamBot.Definitions;
using TeamBot.Execution;
using TeamBot.Objectives;
using TeamBot.State;

namespace TeamBot.Tests.Hosts;

/// <summary>The in-process host: <see cref="WorkflowRunner{TStage}"/> with the state in a run folder on disk.</summary>
public sealed class LocalRunHost : IRunHost
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "teambot-tests", "local-" + Guid.NewGuid().ToString("N"));
    private AgentRegistry? _agents;
    private WorkflowRunnerOptions? _options;

    public string RunDirectory => _root;

    public FileStateStore Store => new(_root);

    public Task<WorkflowResult> RunAsync<TStage>(IWorkflowDefinition<TStage> workflow, AgentRegistry agents, WorkflowRunnerOptions options, Objective objective, IProgress<WorkflowEvent> progress, CancellationToken cancellationToken = default)
        where TStage : struct, Enum
    {
        (_agents, _options) = (agents, options with { WorkingDirectory = _root });
        return new WorkflowRunner<TStage>(workflow, agents, Store, _options).RunAsync(objective, progress, cancellationToken);
    }

    public Task<WorkflowResult> ResumeAsync<TStage>(IWorkflowDefinition<TStage> workflow, Objective objective, IProgress<WorkflowEvent> progress, RunOverrides? runOverrides = null, CancellationToken cancellationToken = default)
        where TStage : struct, Enum
    {
        // As the tool resumes: what is given now goes over the options, and a budget given now over the saved one.
        WorkflowRunnerOptions options = _options! with { Budget = runOverrides?.Budget };
        return new WorkflowRunner<TStage>(workflow, _agents!, Store, (runOverrides ?? RunOverrides.None).ApplyTo(options)).ResumeAsync(objective, progress, runOverrides?.TimeBudget, cancellationToken);
    }

    public async Task<SavedRun<TStage>> SavedAsync<TStage>(IWorkflowDefinition<TStage> workflow)
        where TStage : struct, Enum =>
        await SavedRun.LoadAsync(workflow, Store) ?? throw new InvalidOperationException("The run saved nothing.");

    public ValueTask DisposeAsync()
    {
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }

        return ValueTask.CompletedTask;
    }
}
