using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.FileSystemGlobbing;
using TeamBot.Rules;

namespace TeamBot.Agents.Tools;

/// <summary>
/// The tools a coding agent gets on the workspace, as Microsoft.Extensions.AI functions: list, read and search files,
/// write and edit them, run a command, see the diff. Each is bounded by a <see cref="WorkspacePolicy"/>; a call it
/// refuses returns the reason to the model (which can then try something allowed) rather than failing the stage.
/// </summary>
public sealed class WorkspaceTools
{
    /// <summary>What a refused call's result starts with.</summary>
    public const string RefusedPrefix = "Refused: ";

    private const int MaxListed = 500;

    // The tools whose results are the workspace's contents: their summary says how much came back, never what.
    private static readonly HashSet<string> ReadingTools = new(StringComparer.Ordinal) { "list_files", "read_file", "search_files", "show_diff" };

    // One line per call in the journal and transcripts.
    private static readonly JsonSerializerOptions CompactJson = Compact();
    private const int MaxMatches = 200;

    private readonly WorkspacePolicy _policy;
    private readonly WorkspacePaths _paths;
    private readonly Action<ToolCall>? _onCall;

    /// <summary>Initializes a new instance of the <see cref="WorkspaceTools"/> class.</summary>
    /// <param name="policy">What the tools may do.</param>
    /// <param name="onCall">Told of every call once it returns (for the journal, the live view and transcripts).</param>
    public WorkspaceTools(WorkspacePolicy policy, Action<ToolCall>? onCall = null)
    {
        ArgumentNullException.ThrowIfNull(policy);
        _policy = policy;
        _paths = new WorkspacePaths(policy);
        _onCall = onCall;
        var functions = new List<AIFunction>
        {
            Create(ListFiles, "list_files", "Lists the workspace's files under a folder, as paths relative to the workspace."),
            Create(ReadFile, "read_file", "Reads a text file of the workspace."),
            Create(SearchFiles, "search_files", "Finds the lines that match a regular expression, as path:line: text."),
        };
        if (!policy.Writable.IsEmpty)
        {
            functions.Add(Create(WriteFile, "write_file", "Creates or replaces a file of the workspace with the given text."));
            functions.Add(Create(EditFile, "edit_file", "Replaces the one occurrence of old_text in a file with new_text."));
        }

        if (!policy.Commands.IsEmpty)
        {
            functions.Add(Create(RunCommandAsync, "run_command", $"Runs a program in the workspace, without a shell, and returns its exit code and output. Allowed programs: {string.Join(", ", policy.Commands)}."));
        }

        functions.Add(Create(ShowDiffAsync, "show_diff", "Shows what changed in the workspace since its last commit (git diff, and new files)."));
        Functions = policy.Tools is { } offered ? [.. functions.Where(function => offered.Contains(function.Name))] : functions;
    }

    /// <summary>Gets the tools, for <see cref="ChatOptions.Tools"/>: the write tools only when the policy lets the agents write, the command tool only when it names commands.</summary>
    public IReadOnlyList<AIFunction> Functions { get; }

    private string ListFiles([Description("A folder relative to the workspace; '.' for all of it.")] string folder = ".")
    {
        (string? full, string relative, string? refusal) = _paths.Resolve(folder, write: false);
        if (refusal is not null || !Directory.Exists(full))
        {
            return Refused(refusal ?? $"'{folder}' is not a folder of the workspace");
        }

        List<string> files = _paths.VisibleFiles(full!).ToList();
        string listed = string.Join('\n', files.Take(MaxListed));
        return files.Count > MaxListed ? $"{listed}\n[{files.Count - MaxListed} more files not listed]" : files.Count == 0 ? $"'{relative}' has no files" : listed;
    }

    private string ReadFile([Description("The file, relative to the workspace.")] string path)
    {
        (string? full, _, string? refusal) = _paths.Resolve(path, write: false);
        if (refusal is not null)
        {
            return Refused(refusal);
        }

        return File.Exists(full) ? Capped(File.ReadAllText(full)) : Refused($"'{path}' does not exist");
    }

    private string SearchFiles(
        [Description("A regular expression (.NET syntax).")] string pattern,
        [Description("A glob of the files to search, relative to the workspace, for example src/**/*.cs.")] string glob = "**/*")
    {
        Regex regex;
        try
        {
            regex = new Regex(pattern, RegexOptions.None, TimeSpan.FromSeconds(1));
        }
        catch (ArgumentException ex)
        {
            return Refused($"'{pattern}' is not a regular expression: {ex.Message}");
        }

        if (glob.Split('/').Contains(".."))
        {
            return Refused($"'{glob}' leaves the workspace");
        }

        var matcher = new Matcher(StringComparison.Ordinal);
        matcher.AddInclude(glob);
        var found = new StringBuilder();
        int matches = 0;
        foreach (string relative in _paths.VisibleFiles(_paths.Root).Where(relative => matcher.Match(relative).HasMatches))
        {
            int number = 0;
            foreach (string line in File.ReadLines(Path.Combine(_paths.Root, relative)))
            {
                number++;
                if (regex.IsMatch(line) && ++matches <= MaxMatches)
                {
                    found.Append(relative).Append(':').Append(number).Append(": ").Append(line).Append('\n');
                }
            }
        }

        return matches == 0 ? "no match" : matches > MaxMatches ? Capped(found + $"[{matches - MaxMatches} more matches not shown]") : Capped(found.ToString());
    }

    private string WriteFile([Description("The file, relative to the workspace.")] string path, [Description("The file's whole new text.")] string content)
    {
        (string? full, string relative, string? refusal) = _paths.Resolve(path, write: true);
        if (refusal is not null)
        {
            return Refused(refusal);
        }

        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllText(full!, content);
        return $"wrote {relative} ({content.Length} characters)";
    }

    private string EditFile(
        [Description("The file, relative to the workspace.")] string path,
        [Description("The exact text to replace; it must occur once in the file.")] string old_text,
        [Description("The text to put in its place.")] string new_text)
    {
        (string? full, string relative, string? refusal) = _paths.Resolve(path, write: true);
        if (refusal is not null)
        {
            return Refused(refusal);
        }

        if (!File.Exists(full))
        {
            return Refused($"'{relative}' does not exist; write_file creates files");
        }

        string text = File.ReadAllText(full);
        int first = text.IndexOf(old_text, StringComparison.Ordinal);
        if (old_text.Length == 0 || first < 0)
        {
            return Refused($"old_text does not occur in '{relative}'");
        }

        if (text.IndexOf(old_text, first + 1, StringComparison.Ordinal) >= 0)
        {
            return Refused($"old_text occurs more than once in '{relative}'; include more of the text around it");
        }

        File.WriteAllText(full!, string.Concat(text.AsSpan(0, first), new_text, text.AsSpan(first + old_text.Length)));
        return $"edited {relative}";
    }

    private async Task<string> RunCommandAsync(
        [Description("The program, as on PATH, for example dotnet.")] string program,
        [Description("Its arguments, one per item.")] string[]? arguments = null,
        CancellationToken cancellationToken = default)
    {
        if (!_policy.Commands.Contains(program, StringComparer.Ordinal))
        {
            return Refused($"this stage may not run '{program}' (allowed: {string.Join(", ", _policy.Commands)})");
        }

        (int? exitCode, string output) = await CommandRunner.RunAsync(_paths.Root, program, arguments ?? [], _policy.CommandTimeout, _policy.OutputLimit, cancellationToken).ConfigureAwait(false);
        return exitCode is { } code ? $"exit code {code}\n{output}" : $"did not finish\n{output}";
    }

    private async Task<string> ShowDiffAsync(CancellationToken cancellationToken)
    {
        if (!Directory.Exists(Path.Combine(_paths.Root, ".git")))
        {
            return "the workspace is not a git repository, so there is no diff to show";
        }

        // Against the last commit (staged changes too), without external diff or text conversion programs the
        // repository's config might name, and without the files no tool may read.
        string[] excluded = [.. _policy.Denied.Select(glob => $":(exclude,glob){glob}")];
        (_, string diff) = await CommandRunner.RunAsync(_paths.Root, "git", ["-c", "core.fsmonitor=false", "diff", "HEAD", "--no-color", "--no-ext-diff", "--no-textconv", "--", ".", .. excluded], _policy.CommandTimeout, _policy.OutputLimit, cancellationToken).ConfigureAwait(false);
        (_, string added) = await CommandRunner.RunAsync(_paths.Root, "git", ["ls-files", "--others", "--exclude-standard"], _policy.CommandTimeout, _policy.OutputLimit, cancellationToken).ConfigureAwait(false);
        string result = (diff.Length == 0 ? "" : diff) + (added.Length == 0 ? "" : $"new files:\n{added}");
        return result.Length == 0 ? "no changes" : Capped(result);
    }

    private const int RecordLimit = 2000;

    private static string Tail(string text) => text.Length <= RecordLimit ? text : "..." + text[^RecordLimit..];

    private string Capped(string text) => text.Length <= _policy.OutputLimit ? text : text[.._policy.OutputLimit] + $"\n[cut at {_policy.OutputLimit} characters]";

    private static string Refused(string reason) => RefusedPrefix + reason;

    private static JsonSerializerOptions Compact()
    {
        var options = new JsonSerializerOptions(AIJsonUtilities.DefaultOptions) { WriteIndented = false };
        options.MakeReadOnly();
        return options;
    }

    private RecordedFunction Create(Delegate method, string name, string description) =>
        new RecordedFunction(AIFunctionFactory.Create(method, new AIFunctionFactoryOptions { Name = name, Description = description, SerializerOptions = AIJsonUtilities.DefaultOptions }), _onCall);

    /// <summary>Tells the observer of each call, with its arguments and a one-line summary of its result.</summary>
    private sealed class RecordedFunction(AIFunction inner, Action<ToolCall>? onCall) : DelegatingAIFunction(inner)
    {
        protected override async ValueTask<object?> InvokeCoreAsync(AIFunctionArguments arguments, CancellationToken cancellationToken)
        {
            Activity? span = ToolSpans.Start(Name, FunctionInvokingChatClient.CurrentContext?.CallContent.CallId);
            object? result = null;
            string? failure = null;
            try
            {
                result = await base.InvokeCoreAsync(arguments, cancellationToken).ConfigureAwait(false);
                return result;
            }
            catch (Exception ex)
            {
                // Recorded too (an I/O error, a search that timed out, a cancelled call), then passed on as before.
                failure = $"failed: {ex.GetType().Name}: {ex.Message.Split('\n', 2)[0]}";
                throw;
            }
            finally
            {
                if (onCall is not null)
                {
                    string text = failure ?? result switch { string s => s, JsonElement element => element.ValueKind == JsonValueKind.String ? element.GetString() ?? "" : element.GetRawText(), _ => result?.ToString() ?? "" };
                    bool refused = failure is null && text.StartsWith(RefusedPrefix, StringComparison.Ordinal);
                    string summary = failure is null && !refused && ReadingTools.Contains(Name) ? $"{Name} returned {text.Length} characters" : text.Split('\n', 2)[0];
                    string json = JsonSerializer.Serialize(arguments.ToDictionary(pair => pair.Key, pair => pair.Value), CompactJson.GetTypeInfo(typeof(Dictionary<string, object?>)));

                    // Kept in the run's state and journal: a file's whole content or a command's whole output would
                    // grow them with every call, so the record keeps the start of the arguments and the end of the output.
                    string? output = Name == "run_command" && failure is null && !refused && text.Split('\n', 2) is [_, string rest] ? Tail(rest) : null;
                    var call = new ToolCall(Name, json.Length <= RecordLimit ? json : json[..RecordLimit] + "...", summary, refused) { Output = output };
                    ToolSpans.End(span, call);
                    onCall(call);
                }
                else
                {
                    span?.Dispose();
                }
            }
        }
    }
}
