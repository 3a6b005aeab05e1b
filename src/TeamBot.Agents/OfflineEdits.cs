using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.FileSystemGlobbing;
using TeamBot.Agents.Tools;
using TeamBot.Rules;

namespace TeamBot.Agents;

/// <summary>
/// The tool calls the offline agent makes on its workspace, through the same <see cref="WorkspaceTools"/> a model
/// gets: so the stage's permissions, the journal, the live view, the transcripts and the rollback all see real calls.
/// Work writes one file per folder the agent may write, named for the objective, and later stages edit it; a review
/// lists the files.
/// </summary>
internal static partial class OfflineEdits
{
    private const string ProgressMarker = "Done so far: ";

    /// <summary>The calls made for <paramref name="request"/>; none when its stage declares no permissions.</summary>
    public static async Task<ImmutableArray<ToolCall>> MakeAsync(AgentRequest request, CancellationToken cancellationToken)
    {
        if (WorkspacePolicy.ForRequest(request) is not { } policy)
        {
            return [];
        }

        var calls = new List<ToolCall>();
        var tools = new WorkspaceTools(policy, call =>
        {
            calls.Add(call);
            request.Activity?.Report(ToolActivity.Of(call));
        });
        if (request.Task == AgentTask.Review)
        {
            await CallAsync(tools, "list_files", cancellationToken, ("folder", ".")).ConfigureAwait(false);
            return [.. calls];
        }

        string done = $"{request.Context.StageName} {request.Context.Iteration} ({request.AgentId})";
        foreach (string path in Targets(policy, request.Context.Objective?.Title ?? request.Context.StageName))
        {
            // A model would list the folder first; the offline agent looks itself, so its journal shows only the edits.
            string? text = File.Exists(Path.Combine(policy.Root, path)) ? await CallAsync(tools, "read_file", cancellationToken, ("path", path)).ConfigureAwait(false) : null;
            string? line = text?.Split('\n').FirstOrDefault(line => line.Contains(ProgressMarker, StringComparison.Ordinal));
            if (line is not null && text!.IndexOf(line, StringComparison.Ordinal) == text.LastIndexOf(line, StringComparison.Ordinal))
            {
                await CallAsync(tools, "edit_file", cancellationToken, ("path", path), ("old_text", line), ("new_text", $"{line.TrimEnd('.')}; {done}.")).ConfigureAwait(false);
            }
            else
            {
                await CallAsync(tools, "write_file", cancellationToken, ("path", path), ("content", Content(path, request, done))).ConfigureAwait(false);
            }
        }

        return [.. calls];
    }

    /// <summary>
    /// One file per writable glob that such a file can match: <c>src/AddCsvExport.cs</c> for <c>src/**</c>,
    /// <c>tests/AddCsvExportTests.cs</c> for <c>tests/**</c>, the glob's extension when it names one.
    /// </summary>
    private static IEnumerable<string> Targets(WorkspacePolicy policy, string title)
    {
        var writable = new Matcher(StringComparison.Ordinal);
        writable.AddIncludePatterns(policy.Writable);
        var denied = new Matcher(StringComparison.Ordinal);
        denied.AddIncludePatterns(policy.Denied);
        string name = TypeName(title);
        return policy.Writable
            .Select(glob =>
            {
                string[] segments = glob.Split('/');
                string folder = string.Join('/', segments[..^1].TakeWhile(segment => segment.IndexOfAny(['*', '?', '[']) < 0));
                string last = segments[^1];
                string extension = last.StartsWith("*.", StringComparison.Ordinal) && last.IndexOfAny(['*', '?', '['], 1) < 0 ? last[1..] : ".cs";
                string file = name + (folder.Contains("test", StringComparison.OrdinalIgnoreCase) ? "Tests" : "") + extension;
                return folder.Length == 0 ? file : $"{folder}/{file}";
            })
            .Where(path => writable.Match(path).HasMatches && !denied.Match(path).HasMatches)
            .Distinct(StringComparer.Ordinal);
    }

    /// <summary>The objective's title as a C# type name: <c>AddCsvExport</c> for "Add CSV export".</summary>
    private static string TypeName(string title)
    {
        var name = new StringBuilder();
        foreach (string word in NonWordCharacters().Split(title).Where(word => word.Length > 0))
        {
            name.Append(char.ToUpperInvariant(word[0])).Append(word.Length > 1 && word.All(char.IsUpper) ? word[1..].ToLowerInvariant() : word[1..]);
            if (name.Length >= 40)
            {
                break;
            }
        }

        return name.Length == 0 || char.IsAsciiDigit(name[0]) ? "Feature" + name : name.ToString();
    }

    [GeneratedRegex("[^A-Za-z0-9]+")]
    private static partial Regex NonWordCharacters();

    private static string Content(string path, AgentRequest request, string done)
    {
        string title = request.Context.Objective?.Title ?? request.Context.StageName;
        return path.EndsWith(".cs", StringComparison.Ordinal)
            ? string.Create(CultureInfo.InvariantCulture, $"// {title}: a stand-in written by TeamBot's offline agent.\nnamespace Sample;\n\npublic static class {Path.GetFileNameWithoutExtension(path)}\n{{\n    // {ProgressMarker}{done}.\n}}\n")
            : string.Create(CultureInfo.InvariantCulture, $"{title}: a stand-in written by TeamBot's offline agent.\n\n{ProgressMarker}{done}.\n");
    }

    /// <summary>Calls one tool the policy offers; <see langword="null"/> when it offers none of that name or refuses the call.</summary>
    private static async Task<string?> CallAsync(WorkspaceTools tools, string name, CancellationToken cancellationToken, params (string Name, object? Value)[] arguments)
    {
        if (tools.Functions.FirstOrDefault(function => function.Name == name) is not { } function)
        {
            return null;
        }

        object? result = await function.InvokeAsync(new AIFunctionArguments(arguments.ToDictionary(a => a.Name, a => a.Value)), cancellationToken).ConfigureAwait(false);
        string text = result is System.Text.Json.JsonElement json ? json.GetString() ?? "" : result?.ToString() ?? "";
        return text.StartsWith(WorkspaceTools.RefusedPrefix, StringComparison.Ordinal) ? null : text;
    }
}
