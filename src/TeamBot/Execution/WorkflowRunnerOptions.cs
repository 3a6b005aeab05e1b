using System;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using TeamBot.Definitions;
using TeamBot.Rules;
using TeamBot.State;

namespace TeamBot.Execution;

/// <summary>How a <see cref="WorkflowRunner{TStage}"/> carries out a run.</summary>
public sealed record WorkflowRunnerOptions
{
    /// <summary>The time budget of a run when none is given, as in the Python TeamBot.</summary>
    public static readonly TimeSpan DefaultTimeBudget = TimeSpan.FromHours(8);

    /// <summary>Gets the rules' choices (optional stages, iteration limits).</summary>
    public ExecutionPolicy Policy { get; init; } = new();

    /// <summary>
    /// Gets the whole run's time budget, counted over all its sessions: on a new run, <see langword="null"/> takes the
    /// <c>time</c> stages.yaml's budget declares (<see cref="IWorkflowDefinition{TStage}.Budget"/>), else
    /// <see cref="DefaultTimeBudget"/>; on a resume, the one saved with the run.
    /// </summary>
    public TimeSpan? TimeBudget { get; init; }

    /// <summary>
    /// Gets the run's token and cost budget: on a new run, <see langword="null"/> takes the one stages.yaml declares
    /// (<see cref="IWorkflowDefinition{TStage}.Budget"/>); on a resume, the one saved with the run.
    /// </summary>
    public RunBudget? Budget { get; init; }

    /// <summary>Gets the concurrency of every parallel group, overriding <c>max_concurrency</c>; <see langword="null"/> keeps it.</summary>
    public int? MaxConcurrency { get; init; }

    /// <summary>Gets the folder the team works in (default: the current directory).</summary>
    public string? WorkingDirectory { get; init; }

    /// <summary>Gets the run's folder, which holds <c>artifacts/</c> and <c>failures/</c> (default: the file store's folder).</summary>
    public string? RunDirectory { get; init; }

    /// <summary>Gets the artifact the acceptance-test scenarios are read from.</summary>
    public string SpecArtifact { get; init; } = "feature_spec.md";

    /// <summary>Gets how long a stopping run waits for agents to notice cancellation before returning anyway.</summary>
    public TimeSpan CancellationGracePeriod { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Gets how many events a store that keeps a journal (<see cref="State.IWorkflowJournal"/>) records after a
    /// snapshot before the runner writes the next one. Each event is durable either way; a larger interval makes saves
    /// cheaper and leaves <c>orchestration_state.json</c> further behind while the run is under way.
    /// </summary>
    public int SnapshotInterval { get; init; } = 50;

    /// <summary>
    /// Gets the agent the host runs the stages with, recorded in the state so that a resume can use it again; on resume,
    /// <see langword="null"/> keeps the one the state records.
    /// </summary>
    public RunAgent? Agent { get; init; }

    /// <summary>Gets where the workflow came from, recorded in the state file.</summary>
    public string? StagesConfigSource { get; init; }

    /// <summary>Gets the clock; tests pass a fake one.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Gets the logger factory.</summary>
    public ILoggerFactory LoggerFactory { get; init; } = NullLoggerFactory.Instance;

    /// <summary>
    /// Gets the file system the run's artifacts, transcripts, failure reports and workspace checkpoints are written
    /// through; tests pass one that fails. A <see cref="FileStateStore"/> takes its own.
    /// </summary>
    public RunFileSystem FileSystem { get; init; } = RunFileSystem.Default;
}
