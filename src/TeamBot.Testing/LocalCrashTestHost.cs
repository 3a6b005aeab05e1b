using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using TeamBot.Definitions;
using TeamBot.Execution;
using TeamBot.State;

namespace TeamBot.Testing;

/// <summary>
/// Runs the crash matrix in this process, as the <c>teambot</c> tool does: one <see cref="RunDriver{TStage}"/>, each
/// run's state in a <see cref="FileStateStore"/> under a temporary folder that disposing the host deletes.
/// </summary>
/// <typeparam name="TStage">The generated stage enum.</typeparam>
public sealed class LocalCrashTestHost<TStage> : ICrashTestHost<TStage>, IDisposable
    where TStage : struct, Enum
{
    private readonly IWorkflowDefinition<TStage> _workflow;
    private readonly WorkflowRunnerOptions _options;

    /// <summary>Initializes a new instance of the <see cref="LocalCrashTestHost{TStage}"/> class.</summary>
    /// <param name="workflow">The generated workflow.</param>
    /// <param name="options">How to run (policy, concurrency...); the clock and the folders are the matrix's own.</param>
    public LocalCrashTestHost(IWorkflowDefinition<TStage> workflow, WorkflowRunnerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(workflow);
        _workflow = workflow;
        _options = options ?? new WorkflowRunnerOptions();
        Root = Path.Combine(Path.GetTempPath(), "teambot-crash-matrix-" + Guid.NewGuid().ToString("N")[..8]);
    }

    /// <summary>Gets the folder that holds every trial's run folder.</summary>
    public string Root { get; }

    /// <inheritdoc/>
    public async Task RunSessionAsync(CrashTrial trial, bool hasSavedState, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(trial);
        var store = new FileStateStore(GetRunDirectory(trial));
        string workspace = GetWorkspace(trial);
        Directory.CreateDirectory(workspace);
        using IDisposable claim = store.Lock();
        var driver = new RunDriver<TStage>(_workflow, trial.Agents, _options with
        {
            TimeProvider = trial.Team.Clock,
            WorkingDirectory = workspace,
            RunDirectory = store.RunDirectory,
        });
        IWorkflowStateStore crashing = trial.Wrap(store);
        _ = hasSavedState
            ? await driver.ResumeAsync(crashing, trial.Objective, store.RunDirectory, null, null, cancellationToken).ConfigureAwait(false)
            : await driver.StartAsync(crashing, trial.Objective, store.RunDirectory, null, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public IWorkflowStateStore OpenStore(CrashTrial trial)
    {
        ArgumentNullException.ThrowIfNull(trial);
        return new FileStateStore(GetRunDirectory(trial));
    }

    /// <inheritdoc/>
    public string GetRunDirectory(CrashTrial trial)
    {
        ArgumentNullException.ThrowIfNull(trial);
        return Path.Combine(Root, trial.Id);
    }

    /// <inheritdoc/>
    public string GetWorkspace(CrashTrial trial)
    {
        ArgumentNullException.ThrowIfNull(trial);
        return Path.Combine(Root, trial.Id + ".workspace");
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        if (Directory.Exists(Root))
        {
            Directory.Delete(Root, recursive: true);
        }
    }
}
