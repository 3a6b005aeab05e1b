using System;
using System.Collections.Generic;
using System.CommandLine;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using TeamBot.Agents;
using TeamBot.Agents.Replay;
using TeamBot.Execution;
using TeamBot.Hosting.Views;
using TeamBot.Objectives;
using TeamBot.Rules;
using TeamBot.State;

namespace TeamBot.Hosting.Commands;

/// <summary><c>teambot run &lt;objective&gt;</c> and <c>teambot resume [feature]</c>.</summary>
internal static class RunCommands
{
    public static Command CreateRun<TStage>(CliContext<TStage> context)
        where TStage : struct, Enum
    {
        var objective = new Argument<string>("objective") { Description = "The objective file (markdown)." };
        var options = new RunOptions(context.Settings.CustomAgents);
        var command = new Command("run", "Run an objective through the workflow, from the first stage.") { objective };
        options.AddTo(command);
        if (context.Settings.Cluster is not null)
        {
            command.Options.Add(options.Cluster);
        }

        command.SetAction((parse, cancellationToken) => RunAsync(context, parse, options, parse.GetValue(objective)!, cancellationToken));
        return command;
    }

    public static Command CreateResume<TStage>(CliContext<TStage> context)
        where TStage : struct, Enum
    {
        Argument<string?> feature = CommonOptions.RunName("The run to resume (its feature name); default: the run saved last.");
        var options = new RunOptions(context.Settings.CustomAgents);
        var command = new Command("resume", "Continue a stopped run where it stopped; completed stages do not run again.") { feature };
        options.AddTo(command);
        if (context.Settings.Cluster is not null)
        {
            command.Options.Add(options.Cluster);
        }

        command.SetAction((parse, cancellationToken) => ResumeAsync(context, parse, options, parse.GetValue(feature), cancellationToken));
        return command;
    }

    /// <summary>Submits the objective to a cluster and shows its progress with the same view as a local run.</summary>
    private static Task<int> ClusterRunAsync<TStage>(CliContext<TStage> context, ParseResult parse, RunOptions options, ITeamBotCluster cluster, string connection, Objective objective, CancellationToken cancellationToken)
        where TStage : struct, Enum
    {
        RunOverrides overrides = options.Overrides(parse);
        return ShowClusterRunAsync(context, parse, connection, (view, token) => cluster.RunAsync(connection, objective, overrides, view, token), objective.FeatureName, cancellationToken);
    }

    /// <summary>Follows a cluster run with the same view as a local run; Ctrl+C stops watching, not the run.</summary>
    private static async Task<int> ShowClusterRunAsync<TStage>(CliContext<TStage> context, ParseResult parse, string connection, Func<IRunView, CancellationToken, Task<WorkflowResult>> follow, string runId, CancellationToken cancellationToken)
        where TStage : struct, Enum
    {
        IRunView view = context.CreateView(parse);
        try
        {
            WorkflowResult result = await view.ShowAsync(token => follow(view, token), cancellationToken).ConfigureAwait(false);
            view.ShowSummary(result, context.ArtifactsOf);
            return CliContext<TStage>.ExitCode(result.Status);
        }
        catch (OperationCanceledException)
        {
            view.Message($"Stopped watching. The run goes on in the cluster; see it with: {context.Command} status --cluster {ClusterConnection.Shown(connection)}, or stop it with: {context.Command} cancel {runId} --cluster {ClusterConnection.Shown(connection)}");
            return ExitCodes.Cancelled;
        }
        catch (WorkflowStateException ex)
        {
            await context.Error.WriteLineAsync(ex.Message).ConfigureAwait(false);
            return ExitCodes.BadInput;
        }
    }

    private static async Task<int> RunAsync<TStage>(CliContext<TStage> context, ParseResult parse, RunOptions options, string objectivePath, CancellationToken cancellationToken)
        where TStage : struct, Enum
    {
        Objective objective;
        try
        {
            objective = LoadObjective(context, objectivePath);
        }
        catch (ObjectiveException ex)
        {
            await context.Error.WriteLineAsync(ex.Message).ConfigureAwait(false);
            return ExitCodes.BadInput;
        }

        if (context.Settings.Cluster is { } cluster && parse.GetValue(options.Cluster) is { } connection)
        {
            return await ClusterRunAsync(context, parse, options, cluster, connection, objective, cancellationToken).ConfigureAwait(false);
        }

        var store = new FileStateStore(Path.Combine(context.RunsDirectory(parse), objective.FeatureName), context.Settings.FileSystem);
        IRunView view = context.CreateView(parse);
        RunAgent chosen = options.Agents.Choose(parse, saved: null, options.ApproveAt, options.FailingAcceptanceRuns);
        IStageAgent? agent = await CreateAgentAsync(context, chosen, Pace(parse, options, view), cancellationToken).ConfigureAwait(false);
        if (agent is null)
        {
            return ExitCodes.BadInput;
        }

        // An agent with a process of its own (the Copilot CLI) stops with this command.
        await using IAsyncDisposable? owned = agent as IAsyncDisposable;

        // The lock comes before anything in the folder is read or changed: a run that another process holds must be
        // reported as locked, whatever its folder holds, and --restart must never empty a folder another process runs in.
        (IDisposable? claim, int refused) = await ClaimAsync(context, store).ConfigureAwait(false);
        using IDisposable? held = claim;
        if (claim is null)
        {
            return refused;
        }

        try
        {
            if (parse.GetValue(options.Restart))
            {
                // Starting over replaces the previous run's state and artifacts, and nothing outside its folder.
                store.ClearRun();
            }
            else if (File.Exists(store.StatePath))
            {
                await context.Error.WriteLineAsync($"A run of '{objective.FeatureName}' already exists in '{store.RunDirectory}'. Continue it with '{context.Command} resume {objective.FeatureName}', or pass --restart to start over.").ConfigureAwait(false);
                return ExitCodes.BadInput;
            }
        }
        catch (WorkflowStateException ex)
        {
            await context.Error.WriteLineAsync(ex.Message).ConfigureAwait(false);
            return ex is RunStorageException ? ExitCodes.CannotWrite : ExitCodes.BadInput;
        }

        return await ExecuteAsync(context, parse, options, view, (chosen, agent), store, objective, saved: null, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<int> ResumeAsync<TStage>(CliContext<TStage> context, ParseResult parse, RunOptions options, string? feature, CancellationToken cancellationToken)
        where TStage : struct, Enum
    {
        if (context.Settings.Cluster is { } cluster && parse.GetValue(options.Cluster) is { } connection)
        {
            if (feature is null)
            {
                await context.Error.WriteLineAsync($"Name the run to resume in the cluster; '{context.Command} status --cluster {ClusterConnection.Shown(connection)}' lists them.").ConfigureAwait(false);
                return ExitCodes.BadInput;
            }

            return await ShowClusterRunAsync(context, parse, connection, (view, token) => cluster.ResumeAsync(connection, feature, options.Overrides(parse), view, token), feature, cancellationToken).ConfigureAwait(false);
        }

        string runs = context.RunsDirectory(parse);
        string? directory = feature is null ? FileStateStore.FindMostRecentRun(runs) : Path.Combine(runs, feature);
        if (directory is null || !File.Exists(Path.Combine(directory, FileStateStore.StateFileName)))
        {
            await context.Error.WriteLineAsync(feature is null ? $"There is no run to resume in '{runs}'." : $"There is no run '{feature}' in '{runs}' to resume.").ConfigureAwait(false);
            return ExitCodes.BadInput;
        }

        var store = new FileStateStore(directory, context.Settings.FileSystem);
        IRunView runView = context.CreateView(parse);
        (IDisposable? claim, int refused) = await ClaimAsync(context, store).ConfigureAwait(false);
        using IDisposable? held = claim;
        if (claim is null)
        {
            return refused;
        }

        try
        {
            // Read under the lock: until it was free, another process could still save the state or empty the folder.
            OrchestrationStateDocument document = await store.LoadAsync(cancellationToken).ConfigureAwait(false)
                ?? throw new WorkflowStateException($"There is no run to resume at '{store.StatePath}'.");
            string objectiveFile = document.ObjectiveFile ?? throw new ObjectiveException($"The state file '{store.StatePath}' does not say which objective file it runs.");
            Objective objective = LoadObjective(context, objectiveFile);

            // The agent is chosen from the saved run: a resume goes on with the agent it started with unless told otherwise.
            RunAgent? saved = document.Agent?.ToAgent();
            RunAgent chosen = options.Agents.Choose(parse, saved, options.ApproveAt, options.FailingAcceptanceRuns);
            IStageAgent? agent = await CreateAgentAsync(context, chosen, Pace(parse, options, runView), cancellationToken).ConfigureAwait(false);
            if (agent is null)
            {
                return ExitCodes.BadInput;
            }

            await using IAsyncDisposable? owned = agent as IAsyncDisposable;
            runView.Message(AgentChoice.Describe(chosen, saved));
            return await ExecuteAsync(context, parse, options, runView, (chosen, agent), store, objective, document, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is ObjectiveException or WorkflowStateException)
        {
            await context.Error.WriteLineAsync(ex.Message).ConfigureAwait(false);
            return ex is RunStorageException ? ExitCodes.CannotWrite : ExitCodes.BadInput;
        }
    }

    /// <summary>Creates the agent the options choose, or reports why it cannot.</summary>
    /// <returns>The agent, or <see langword="null"/> when the options are bad.</returns>
    private static async Task<IStageAgent?> CreateAgentAsync<TStage>(CliContext<TStage> context, RunAgent chosen, TimeSpan pace, CancellationToken cancellationToken)
        where TStage : struct, Enum
    {
        try
        {
            return await new AgentChoice(context.Settings.CustomAgents).CreateAsync(
                chosen,
                (approveAt, failingRuns) => new OfflineAgent { ApproveAtIteration = approveAt, FailingAcceptanceRuns = failingRuns, EditsWorkspace = true, Pace = pace, TimeProvider = context.Settings.TimeProvider },
                context.Settings.WorkingDirectory!,
                new ChatClientAgentOptions(),
                cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException)
        {
            await context.Error.WriteLineAsync(ex.Message).ConfigureAwait(false);
            return null;
        }
    }

    /// <summary>The offline agent's pace: <c>--pace</c>, else one a person can follow on the live view and none elsewhere.</summary>
    /// <remarks>Not saved with the run: it changes when answers come, never what they are, so a resume may pick another.</remarks>
    private static TimeSpan Pace(ParseResult parse, RunOptions options, IRunView view) =>
        OfflinePaceOption.Resolve(parse.GetValue(options.Pace), live: view is LiveRunView);

    /// <summary>Takes the run's lock for this whole session, or reports why it cannot.</summary>
    /// <returns>The lock, or the exit code that says why there is none: another process holds it, or it cannot be made.</returns>
    private static async Task<(IDisposable? Lock, int ExitCode)> ClaimAsync<TStage>(CliContext<TStage> context, FileStateStore store)
        where TStage : struct, Enum
    {
        try
        {
            return (store.Lock(), ExitCodes.Complete);
        }
        catch (WorkflowStateLockedException ex)
        {
            await context.Error.WriteLineAsync(ex.Message).ConfigureAwait(false);
            return (null, ExitCodes.Locked);
        }
        catch (RunStorageException ex)
        {
            await context.Error.WriteLineAsync($"{ex.Message} The run needs to write its folder; nothing was changed.").ConfigureAwait(false);
            return (null, ExitCodes.CannotWrite);
        }
    }

    /// <summary>
    /// Runs one session of the run in <paramref name="store"/>, the caller holding its lock: a new run when
    /// <paramref name="saved"/> is <see langword="null"/>, else a resume of that saved run.
    /// </summary>
    private static async Task<int> ExecuteAsync<TStage>(CliContext<TStage> context, ParseResult parse, RunOptions options, IRunView view, (RunAgent Chosen, IStageAgent Agent) agents, FileStateStore store, Objective objective, OrchestrationStateDocument? saved, CancellationToken cancellationToken)
        where TStage : struct, Enum
    {
        bool resume = saved is not null;

        // A resumed run keeps the policy it started with, so it does what it would have done had it never stopped;
        // --skip-optional on resume can only add to it.
        ExecutionPolicy policy = saved?.ExecutionPolicy?.ToPolicy() ?? new ExecutionPolicy();
        policy = policy with { SkipOptionalStages = policy.SkipOptionalStages || parse.GetValue(options.SkipOptional) };
        using var diagnostics = new Diagnostics(parse, context.Verbose, context.Telemetry);

        // The offline agent edits a sample workspace in the run's folder, never the user's checkout.
        string workspace;
        try
        {
            workspace = AgentChoice.EditsSampleWorkspace(agents.Chosen) ? SampleWorkspace.Prepare(store.RunDirectory, context.Settings.FileSystem) : context.Settings.WorkingDirectory!;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            await context.Error.WriteLineAsync($"The offline agent's sample workspace cannot be made in '{store.RunDirectory}': {ex.Message}").ConfigureAwait(false);
            return ExitCodes.CannotWrite;
        }

        // The driver, not WorkflowRunner: the runner takes the lock itself, and this process already holds it.
        var driver = new RunDriver<TStage>(context.Workflow, AgentRegistry.ForAll(agents.Agent), new WorkflowRunnerOptions
        {
            LoggerFactory = diagnostics.LoggerFactory,
            Policy = policy,
            MaxConcurrency = parse.GetValue(options.MaxConcurrency),
            TimeBudget = parse.GetValue(options.TimeBudget),
            Budget = options.Budget.Of(parse),
            WorkingDirectory = workspace,
            StagesConfigSource = context.Workflow.SourceFileName,
            TimeProvider = context.Settings.TimeProvider,
            FileSystem = context.Settings.FileSystem,
            Agent = agents.Chosen,
        });

        try
        {
            Task<WorkflowResult> Run(CancellationToken token) => resume
                ? driver.ResumeAsync(store, objective, store.RunDirectory, view, parse.GetValue(options.TimeBudget), token)
                : driver.StartAsync(store, objective, store.RunDirectory, view, token);

            // A run that was already complete runs nothing: its tables would be empty, so it gets one line instead.
            bool wasComplete = resume && RunStatusText.Parse(saved!.Status) == RunStatus.Complete;
            WorkflowResult result = wasComplete
                ? await Run(cancellationToken).ConfigureAwait(false)
                : await view.ShowAsync(Run, cancellationToken).ConfigureAwait(false);
            if (wasComplete && result.Succeeded)
            {
                view.Message($"The run '{Path.GetFileName(store.RunDirectory)}' is already complete ({result.CompletedStages.Length} stages done); nothing ran again. Its artifacts are in {Path.Combine(result.RunDirectory, "artifacts")}; start it over with: {context.Command} run {objective.SourcePath} --restart");
                return ExitCodes.Complete;
            }

            view.ShowSummary(result, context.ArtifactsOf);
            if (agents.Agent is ReplayAgent replay)
            {
                view.Message(replay.Mismatches.Count == 0
                    ? $"Replayed all {Calls(replay.Replayed)} from the transcript; no call differed and no model was asked."
                    : $"Replayed {Calls(replay.Replayed)} from the transcript; {replay.Mismatches.Count} differed{(replay.Fallback is null ? "" : " and were answered by the fallback agent")}. The first: {replay.Mismatches[0].Describe()}");
            }

            if (result.Status == RunStatus.BudgetExceeded)
            {
                view.Message($"The state is saved; continue with a larger budget: {context.Command} resume {Path.GetFileName(store.RunDirectory)} --token-budget <tokens> (or --cost-budget <amount>)");
            }

            if (AgentChoice.EditsSampleWorkspace(agents.Chosen))
            {
                view.Message($"The offline agent's file edits are in its sample workspace {Path.GetRelativePath(context.Settings.WorkingDirectory!, workspace)}; each tool call is in {Path.GetRelativePath(context.Settings.WorkingDirectory!, Path.Combine(store.RunDirectory, "transcripts"))}.");
            }

            return CliContext<TStage>.ExitCode(result.Status);
        }
        catch (OperationCanceledException)
        {
            view.Message($"Cancelled. The state is saved in {store.StatePath}; continue with: {context.Command} resume {Path.GetFileName(store.RunDirectory)}");
            return ExitCodes.Cancelled;
        }
        catch (RunStorageException ex)
        {
            await context.Error.WriteLineAsync($"The run stopped: {ex.Message} Its last saved state is intact in {store.StatePath}; once the cause is fixed, continue with: {context.Command} resume {Path.GetFileName(store.RunDirectory)}").ConfigureAwait(false);
            return ExitCodes.CannotWrite;
        }
        catch (WorkflowStateException ex)
        {
            await context.Error.WriteLineAsync(ex.Message).ConfigureAwait(false);
            return ExitCodes.BadInput;
        }
    }

    private static string Calls(int count) => count == 1 ? "1 call" : $"{count} calls";

    /// <summary>The options of run and resume.</summary>
    private sealed class RunOptions(IReadOnlyDictionary<string, Func<CustomAgentContext, CancellationToken, ValueTask<IStageAgent>>> customAgents)
    {
        public AgentChoice Agents { get; } = new(customAgents);

        public Option<bool> SkipOptional { get; } = CommonOptions.SkipOptional();

        public Option<int?> MaxConcurrency { get; } = CommonOptions.MaxConcurrency();

        public Option<TimeSpan?> TimeBudget { get; } = CommonOptions.TimeBudget();

        public BudgetOptions Budget { get; } = new();

        public Option<int> ApproveAt { get; } = CommonOptions.ApproveAt();

        public Option<int> FailingAcceptanceRuns { get; } = CommonOptions.FailingAcceptanceRuns();

        public Option<TimeSpan?> Pace { get; } = OfflinePaceOption.Create();

        public Option<string?> Cluster { get; } = CommonOptions.Cluster();

        public Option<bool> Restart { get; } = new("--restart") { Description = "With run: delete an earlier run of the same feature and start over." };

        /// <summary>What the run sets for itself, as the command line gives it; on a resume, what it sets from now on.</summary>
        public RunOverrides Overrides(ParseResult parse) =>
            new(parse.GetValue(TimeBudget), parse.GetValue(MaxConcurrency), parse.GetValue(SkipOptional) ? true : null, Budget.Of(parse));

        public void AddTo(Command command)
        {
            Agents.AddTo(command);
            command.Options.Add(SkipOptional);
            command.Options.Add(MaxConcurrency);
            command.Options.Add(TimeBudget);
            Budget.AddTo(command);
            command.Options.Add(ApproveAt);
            command.Options.Add(FailingAcceptanceRuns);
            command.Options.Add(Pace);
            if (command.Name == "run")
            {
                command.Options.Add(Restart);
            }
        }
    }

    /// <summary>Reads the objective file; the path is kept as given, as the state file records it.</summary>
    private static Objective LoadObjective<TStage>(CliContext<TStage> context, string path)
        where TStage : struct, Enum
    {
        string resolved;
        try
        {
            resolved = context.Resolve(path);
        }
        catch (ArgumentException ex)
        {
            // A state file may be hand-edited: a path no file can have (a NUL in it) is a file that cannot be read.
            throw new ObjectiveException($"The objective file '{path}' cannot be read: {ex.Message}", ex);
        }

        return ObjectiveParser.Load(resolved) with { SourcePath = path };
    }
}
