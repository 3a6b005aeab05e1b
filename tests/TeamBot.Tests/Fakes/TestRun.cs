using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using TeamBot.Agents;
using TeamBot.Definitions;
using TeamBot.Execution;
using TeamBot.Objectives;
using TeamBot.Rules;
using TeamBot.State;

namespace TeamBot.Tests.Fakes;

/// <summary>A run folder in a temporary directory, with a runner over a fake team.</summary>
internal sealed class TestRun : IDisposable
{
    public TestRun(string? name = null)
    {
        Directory = Path.Combine(Path.GetTempPath(), "teambot-tests", name ?? Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(Directory);
        Store = new FileStateStore(Directory);
    }

    public static Objective Objective { get; } = new()
    {
        Title = "Add export",
        FeatureName = "add-export",
        SourcePath = "objectives/add-export.md",
        Goals = ["Export reports to CSV"],
        SuccessCriteria = ["A report exports to CSV"],
    };

    public string Directory { get; }

    public FileStateStore Store { get; }

    public FakeTeam Team { get; } = new();

    public RecordingProgress Progress { get; } = new();

    public WorkflowRunner<TStage> Runner<TStage>(IWorkflowDefinition<TStage> workflow, WorkflowRunnerOptions? options = null)
        where TStage : struct, Enum =>
        new(workflow, AgentRegistry.ForAll(Team), Store, (options ?? new WorkflowRunnerOptions()) with { WorkingDirectory = Directory });

    public Task<WorkflowResult> RunAsync<TStage>(IWorkflowDefinition<TStage> workflow, WorkflowRunnerOptions? options = null, CancellationToken cancellationToken = default)
        where TStage : struct, Enum =>
        Runner(workflow, options).RunAsync(Objective, Progress, cancellationToken);

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: the OS cleans the temp folder.
        }
    }
}
