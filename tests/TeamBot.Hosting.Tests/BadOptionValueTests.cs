using System;
using System.Collections.Generic;
using System.CommandLine;
using System.CommandLine.Help;
using System.IO;
using System.Linq;
using System.Threading.Tasks;

namespace TeamBot.Hosting.Tests;

/// <summary>
/// Every option of every command, fed malformed values: exit 1 with a one-line message naming the option, never a
/// stack trace (an unparseable --time-budget once aborted the process). The options are read from the command tree,
/// so an option added without bad values here fails the test until it gets some.
/// </summary>
public sealed class BadOptionValueTests
{
    /// <summary>The malformed values of each option, by name. Flags take theirs as <c>--flag=value</c>, the only way a flag takes one.</summary>
    private static readonly Dictionary<string, string[]> BadValues = new(StringComparer.Ordinal)
    {
        // Global options.
        ["--teambot-dir"] = ["", " ", "runs\0dir", "objectives/add-export.md"],
        ["--plain"] = ["=maybe"],
        ["--verbose"] = ["=maybe"],
        ["--telemetry"] = ["banana", "", "CONSOLE"],

        // run and resume.
        ["--agent"] = ["magic", "", "Offline", "replay:"],
        ["--record"] = ["", " ", "runs\0dir"],
        ["--replay-fallback"] = ["magic", "", "replay"],
        ["--token-budget"] = ["0", "-5", "x", "", "1.5", "99999999999999999999"],
        ["--cost-budget"] = ["0", "-1", "x", ""],
        ["--price"] = ["gpt", "", "gpt=1", "gpt=1/x", "=1/2", "gpt=-1/2"],
        ["--model"] = ["", " "],
        ["--endpoint"] = ["not a url", "ftp://example.com", "localhost:8080", ""],
        ["--api-key-variable"] = ["", " "],
        ["--copilot-path"] = ["", "missing/copilot", "objectives/", "./objectives"],
        ["--mcp-config"] = ["", "missing.json", "objectives", "no/such/mcp.json"],
        ["--skip-optional"] = ["=maybe"],
        ["--max-concurrency"] = ["abc", "0", "-1", "", "1.5", "99999999999"],
        ["--time-budget"] = ["banana", "", "00:00:00", "-01:00:00", "8", "25:99:99"],
        ["--offline-approve-at"] = ["0", "-1", "x", ""],
        ["--offline-failing-acceptance-runs"] = ["-1", "x", ""],
        ["--pace"] = ["banana", "", "Fast", "-1s", "500", "2 s", "1.5.5s", "ms", "61s", "99999999999999999999s", "NaNs", "1e3ms"],
        ["--restart"] = ["=maybe"],
        ["--cluster"] = ["", " "],

        // graph.
        ["--format"] = ["pdf", "", "Mermaid"],
        ["--costs"] = ["=maybe"],

        // serve.
        ["--silo-port"] = ["0", "-1", "65536", "x", ""],
        ["--gateway-port"] = ["0", "-1", "65536", "x", ""],
        ["--primary-silo-port"] = ["0", "-1", "65536", "x", ""],
        ["--postgres"] = ["", " "],
        ["--address"] = ["not an address", "", "10.0.0.1:30000"],
        ["--advertise"] = ["not an address", "", "10.0.0.1:30000"],
        ["--postgres-pool-size"] = ["0", "-5", "x", ""],
        ["--expected-silos"] = ["0", "-5", "x", ""],
        ["--work-attempt-timeout"] = ["banana", "00:00:00", "-00:05:00", "5", ""],
        ["--no-create-schema"] = ["=maybe"],
    };

    /// <summary>The arguments a command needs besides the option under test, so that only its value can be wrong.</summary>
    private static readonly Dictionary<string, string[]> Needed = new(StringComparer.Ordinal)
    {
        ["run"] = ["objectives/add-export.md"],
        ["resume"] = [],
        ["status"] = [],
        ["runs"] = ["check"],
        ["graph"] = [],
        ["serve"] = [],
        ["cancel"] = ["csv-export"],
    };

    [Fact]
    public async Task Every_option_of_every_command_refuses_malformed_values_with_one_line_naming_it_and_exit_1()
    {
        using var cli = new CliHarness { Cluster = new UnusedCluster() };
        RootCommand root = TeamBotCli.Create(Workflow.Definition, new TeamBotCliSettings { Cluster = new UnusedCluster(), WorkingDirectory = cli.Directory });
        Option[] globals = [.. root.Options.Where(Tested)];
        var failures = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        int cases = 0;

        Assert.Equal(Needed.Keys.Order(StringComparer.Ordinal), root.Subcommands.Select(command => command.Name).Order(StringComparer.Ordinal));
        foreach (Command command in root.Subcommands)
        {
            foreach (Option option in globals.Concat(command.Options.Where(Tested)))
            {
                seen.Add(option.Name);
                if (!BadValues.TryGetValue(option.Name, out string[]? values))
                {
                    failures.Add($"{command.Name} {option.Name}: no bad values in the table; add some.");
                    continue;
                }

                foreach (string value in values)
                {
                    string[] given = value.StartsWith('=') ? [option.Name + value] : [option.Name, value];
                    // cancel requires --cluster: a good one, unless it is the option under test.
                    string[] cluster = command.Name == "cancel" && option.Name != "--cluster" ? ["--cluster", "localhost:30000"] : [];
                    string[] args = [command.Name, .. Needed[command.Name], .. cluster, .. given];
                    (int exit, string output, string error) = await cli.RunAsync(args);
                    cases++;
                    string shown = string.Join(' ', args.Select(arg => $"'{arg.Replace("\0", "\\0", StringComparison.Ordinal)}'"));
                    string message = error.Trim();

                    // The library splits --flag=value into the flag and a stray argument before any option sees it, so a
                    // flag's message can only name the stray value.
                    string named = value.StartsWith('=') ? value[1..] : option.Name;
                    if (exit != ExitCodes.BadInput)
                    {
                        failures.Add($"{shown}: exit {exit}, not 1: {output}{error}");
                    }
                    else if (message.Contains('\n', StringComparison.Ordinal) || !message.Contains(named, StringComparison.Ordinal))
                    {
                        failures.Add($"{shown}: the message is not one line naming {named}: {error}");
                    }
                    else if ((output + error).Contains("   at ", StringComparison.Ordinal))
                    {
                        failures.Add($"{shown}: a stack trace: {output}{error}");
                    }
                }
            }
        }

        failures.AddRange(BadValues.Keys.Where(name => !seen.Contains(name)).Select(name => $"{name} is in the table but no command offers it; remove it."));
        Assert.True(failures.Count == 0, $"{failures.Count} of {cases} cases:\n" + string.Join('\n', failures));
    }

    [Theory]
    [InlineData("banana")]
    [InlineData("tomorrow")]
    public async Task An_unparseable_time_budget_is_one_line_not_an_abort(string value)
    {
        using var cli = new CliHarness();

        (int exit, _, string error) = await cli.RunAsync(["run", "objectives/add-export.md", "--time-budget", value]);

        Assert.Equal(ExitCodes.BadInput, exit);
        Assert.Equal($"--time-budget: '{value}' is not a duration such as 08:00:00", error.Trim());
    }

    /// <summary>Help and version print, they take no values.</summary>
    private static bool Tested(Option option) => option is not (HelpOption or VersionOption);
}
