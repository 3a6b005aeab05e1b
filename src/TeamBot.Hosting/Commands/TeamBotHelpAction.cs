using System;
using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;
using System.IO;

namespace TeamBot.Hosting.Commands;

/// <summary>
/// The library's help, with the command spelt in its usage lines as every message that suggests a command spells it
/// (<see cref="CommandName"/>: <c>teambot</c>, or <c>dotnet run --project … --</c> under <c>dotnet run</c>). The
/// library names the root command after the running executable, <c>TeamBot.Cli</c>, and a root command's name cannot be
/// set; the help is written to a buffer and the executable's name replaced there.
/// </summary>
internal sealed class TeamBotHelpAction(HelpAction help, string command) : SynchronousCommandLineAction
{
    public override bool ClearsParseErrors => help.ClearsParseErrors;

    /// <summary>Replaces the help option's action on <paramref name="root"/>.</summary>
    /// <param name="root">The root command.</param>
    /// <param name="command">How the user starts the command line (<see cref="CliContext{TStage}.Command"/>).</param>
    public static void Install(RootCommand root, string command)
    {
        foreach (Option option in root.Options)
        {
            if (option is HelpOption { Action: HelpAction help })
            {
                option.Action = new TeamBotHelpAction(help, command);
            }
        }
    }

    public override int Invoke(ParseResult parseResult)
    {
        ArgumentNullException.ThrowIfNull(parseResult);
        InvocationConfiguration configuration = parseResult.InvocationConfiguration;
        TextWriter output = configuration.Output;
        using var buffer = new StringWriter();
        configuration.Output = buffer;
        int exit;
        try
        {
            exit = help.Invoke(parseResult);
        }
        finally
        {
            configuration.Output = output;
        }

        output.Write(Renamed(buffer.ToString(), RootCommand.ExecutableName, command));
        return exit;
    }

    /// <summary><paramref name="help"/> with <paramref name="executable"/> replaced by <paramref name="command"/> where a usage line starts with it.</summary>
    internal static string Renamed(string help, string executable, string command)
    {
        string[] lines = help.Split('\n');
        for (int i = 0; i < lines.Length; i++)
        {
            string prefix = "  " + executable;
            if (lines[i].StartsWith(prefix, StringComparison.Ordinal) && (lines[i].Length == prefix.Length || lines[i][prefix.Length] is ' ' or '\r'))
            {
                lines[i] = "  " + command + lines[i][prefix.Length..];
            }
        }

        return string.Join('\n', lines);
    }
}
