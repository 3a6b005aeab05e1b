using System;
using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;
using System.IO;

namespace TeamBot.Hosting.Commands;

/// <summary>
/// The library's help, with the command called <c>teambot</c> in its usage lines. The library names the root command
/// after the running executable, which is <c>TeamBot.Cli</c> for the installed tool and <c>dotnet run</c> alike, and a
/// root command's name cannot be set; the help is written to a buffer and the executable's name replaced there.
/// </summary>
internal sealed class TeamBotHelpAction(HelpAction help) : SynchronousCommandLineAction
{
    /// <summary>The name the help gives the command: the tool's name, as every message that suggests a command spells it.</summary>
    public const string CommandName = "teambot";

    public override bool ClearsParseErrors => help.ClearsParseErrors;

    /// <summary>Replaces the help option's action on <paramref name="root"/>.</summary>
    public static void Install(RootCommand root)
    {
        foreach (Option option in root.Options)
        {
            if (option is HelpOption { Action: HelpAction help })
            {
                option.Action = new TeamBotHelpAction(help);
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

        output.Write(Renamed(buffer.ToString(), RootCommand.ExecutableName));
        return exit;
    }

    /// <summary><paramref name="help"/> with <paramref name="executable"/> replaced where a usage line starts with it.</summary>
    internal static string Renamed(string help, string executable)
    {
        string[] lines = help.Split('\n');
        for (int i = 0; i < lines.Length; i++)
        {
            string prefix = "  " + executable;
            if (lines[i].StartsWith(prefix, StringComparison.Ordinal) && (lines[i].Length == prefix.Length || lines[i][prefix.Length] is ' ' or '\r'))
            {
                lines[i] = "  " + CommandName + lines[i][prefix.Length..];
            }
        }

        return string.Join('\n', lines);
    }
}
