using System;
using System.CommandLine;
using System.IO;
using System.Linq;
using TeamBot.Definitions;
using TeamBot.Hosting.Commands;

namespace TeamBot.Hosting;

/// <summary>
/// The <c>teambot</c> command line for a compiled workflow. A project with its own stages.yaml offers it with
/// <c>return await TeamBotCli.Create(Workflow.Definition).Parse(args).InvokeAsync();</c>.
/// </summary>
public static class TeamBotCli
{
    /// <summary>Creates the root command with <c>run</c>, <c>resume</c>, <c>status</c>, <c>runs check</c> and <c>graph</c>.</summary>
    public static RootCommand Create<TStage>(IWorkflowDefinition<TStage> workflow, TeamBotCliSettings? settings = null)
        where TStage : struct, Enum
    {
        ArgumentNullException.ThrowIfNull(workflow);
        settings ??= new TeamBotCliSettings();
        foreach (string kind in settings.CustomAgents.Keys)
        {
            if (kind.Length == 0 || kind.StartsWith('-') || kind.Contains(':', StringComparison.Ordinal) || kind.Any(char.IsWhiteSpace) || AgentChoice.BuiltIn.Contains(kind, StringComparer.OrdinalIgnoreCase))
            {
                throw new ArgumentException($"'{kind}' cannot name a custom agent: a value of --agent with no spaces, ':' or leading '-', other than {string.Join(", ", AgentChoice.BuiltIn)}.", nameof(settings));
            }
        }

        var context = new CliContext<TStage>(workflow, settings with { WorkingDirectory = Path.GetFullPath(settings.WorkingDirectory ?? Directory.GetCurrentDirectory()) });
        var root = new RootCommand($"TeamBot: run an objective through the '{workflow.Name}' workflow ({workflow.Stages.Length} stages) with a team of agents.\n\n{ExitCodes.Help}");
        root.Options.Add(context.TeamBotDirectory);
        root.Options.Add(context.Plain);
        root.Options.Add(context.Verbose);
        root.Options.Add(context.Telemetry);
        root.Subcommands.Add(RunCommands.CreateRun(context));
        root.Subcommands.Add(RunCommands.CreateResume(context));
        root.Subcommands.Add(StatusCommand.Create(context));
        root.Subcommands.Add(RunsCheckCommand.Create(context));
        root.Subcommands.Add(GraphCommand.Create(workflow, context));
        if (settings.Cluster is { } cluster)
        {
            root.Subcommands.Add(ServeCommand.Create(context, cluster));
            root.Subcommands.Add(CancelCommand.Create(context, cluster));
        }

        CheckFiles(root, context.Settings.WorkingDirectory!);
        TeamBotHelpAction.Install(root, context.Command);
        return root;
    }

    /// <summary>
    /// Options that name a file are checked when the command line is parsed, wherever a command offers them: a mistyped
    /// path is then refused even when the agent chosen would never have read it.
    /// </summary>
    private static void CheckFiles(Command command, string workingDirectory)
    {
        foreach (Option option in command.Options)
        {
            if (option.Name == "--mcp-config")
            {
                OptionValues.ExistingFile(option, workingDirectory, bareNameOnPath: false, full => $"--mcp-config: The MCP configuration file '{full}' does not exist.");
            }
            else if (option.Name == "--copilot-path")
            {
                OptionValues.ExistingFile(option, workingDirectory, bareNameOnPath: true, full => $"--copilot-path: there is no file '{full}': install the Copilot CLI with npm install -g @github/copilot, or give the path of its copilot executable.");
            }
        }

        foreach (Command subcommand in command.Subcommands)
        {
            CheckFiles(subcommand, workingDirectory);
        }
    }
}
