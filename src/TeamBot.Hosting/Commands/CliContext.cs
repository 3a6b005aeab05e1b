using System;
using System.CommandLine;
using System.IO;
using System.Linq;
using Spectre.Console;
using TeamBot.Definitions;
using TeamBot.Execution;
using TeamBot.Hosting.Views;
using TeamBot.Rules;

namespace TeamBot.Hosting.Commands;

/// <summary>What every command needs: the workflow, where to write, and how to read the shared options.</summary>
internal sealed class CliContext<TStage>(IWorkflowDefinition<TStage> workflow, TeamBotCliSettings settings)
    where TStage : struct, Enum
{
    public IWorkflowDefinition<TStage> Workflow { get; } = workflow;

    public TeamBotCliSettings Settings { get; } = settings;

    public Option<string> TeamBotDirectory { get; } = RunsFolderOption(settings);

    public Option<bool> Plain { get; } = CommonOptions.Plain();

    public Option<bool> Verbose { get; } = CommonOptions.Verbose();

    public Option<string?> Telemetry { get; } = CommonOptions.Telemetry();

    /// <summary>Gets how the user starts this command line, for the commands it prints.</summary>
    public string Command => field ??= CommandName.Of(Environment.ProcessPath, Settings.WorkingDirectory ?? Directory.GetCurrentDirectory());

    public TextWriter Output => Settings.Output ?? Console.Out;

    public TextWriter Error => Settings.Error ?? Console.Error;

    /// <summary>A path the user gave, relative to the working directory.</summary>
    public string Resolve(string path) => Path.GetFullPath(Path.Combine(Settings.WorkingDirectory!, path));

    public string RunsDirectory(ParseResult parse) => Resolve(parse.GetValue(TeamBotDirectory) ?? Settings.RunsDirectory);

    public IRunView CreateView(ParseResult parse)
    {
        bool plain = parse.GetValue(Plain)
            || (Settings.Plain ?? (Console.IsOutputRedirected || !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CI"))));
        return plain
            ? new PlainRunView(Output, Settings.TimeProvider)
            : new LiveRunView(Settings.Console ?? AnsiConsole.Console, Settings.TimeProvider);
    }

    /// <summary>The artifacts a stage declares, for the summary.</summary>
    public string ArtifactsOf(string stage) =>
        Workflow.TryGetStage(stage, out TStage found) ? string.Join(", ", Workflow.GetStage(found).Artifacts) : "";

    public static int ExitCode(RunStatus status) => status switch
    {
        RunStatus.Complete => ExitCodes.Complete,
        RunStatus.ReviewFailed => ExitCodes.ReviewFailed,
        RunStatus.AcceptanceTestFailed => ExitCodes.AcceptanceTestFailed,
        RunStatus.BudgetExceeded => ExitCodes.BudgetExceeded,
        RunStatus.Timeout => ExitCodes.Timeout,
        RunStatus.Cancelled => ExitCodes.Cancelled,
        _ => ExitCodes.StageFailed,
    };

    /// <summary>--teambot-dir, defaulting to the settings' runs folder; a file where the folder should be is refused when parsing, not when the first write fails.</summary>
    private static Option<string> RunsFolderOption(TeamBotCliSettings settings)
    {
        Option<string> option = CommonOptions.TeamBotDirectory(settings.RunsDirectory);
        option.Validators.Add(result =>
        {
            foreach (System.CommandLine.Parsing.Token token in result.Tokens)
            {
                if (!string.IsNullOrWhiteSpace(token.Value) && token.Value.IndexOfAny(Path.GetInvalidPathChars()) < 0 && File.Exists(Path.GetFullPath(token.Value, settings.WorkingDirectory!)))
                {
                    result.AddError($"{option.Name}: '{token.Value}' is a file, not a folder");
                }
            }
        });
        return option;
    }

    public string StageList() => string.Join(", ", Workflow.StageOrder.Select(Workflow.GetStageName));
}
