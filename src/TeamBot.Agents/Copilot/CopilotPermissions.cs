using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using TeamBot.Agents.Tools;

namespace TeamBot.Agents.Copilot;

/// <summary>
/// Answers the CLI's permission prompts for one call. With stage permissions (stages.yaml) the CLI's own tools are
/// held to them as far as its prompts tell: a write only to a path the calling agent may write, a shell command only
/// when every program in it is allowed and it redirects nothing into a file, reads always, anything else never.
/// Without stage permissions, the kinds in <see cref="CopilotAgentOptions.ApprovedPermissions"/> are approved.
/// </summary>
internal sealed class CopilotPermissions(WorkspacePolicy? policy, IReadOnlySet<string> approvedKinds)
{
    private readonly WorkspacePaths? _paths = policy is null ? null : new WorkspacePaths(policy);

    /// <summary>Why the prompt is refused; <see langword="null"/> when it is approved.</summary>
    public string? Refusal(CopilotSessionEvent request)
    {
        string kind = request.Text("kind") ?? "unknown";
        if (policy is null || _paths is null)
        {
            return approvedKinds.Contains(kind) ? null : $"refused: TeamBot does not approve '{kind}' for the Copilot agent";
        }

        return kind switch
        {
            "read" => null,
            "write" => WriteRefusal(request.Text("fileName")),
            "shell" => ShellRefusal(request),
            _ => $"refused: the stage's permissions do not cover '{kind}'",
        };
    }

    private string? WriteRefusal(string? fileName)
    {
        if (fileName is null)
        {
            return "refused: the write names no file";
        }

        string relative = Path.IsPathRooted(fileName) ? Path.GetRelativePath(_paths!.Root, fileName) : fileName;
        return _paths!.Resolve(relative, write: true).Refusal is { } refusal ? "refused: " + refusal : null;
    }

    private string? ShellRefusal(CopilotSessionEvent request)
    {
        if (request.Flag("hasWriteFileRedirection") == true)
        {
            return "refused: the command redirects output into a file";
        }

        string[] programs = request.Data.TryGetProperty("commands", out JsonElement commands) && commands.ValueKind == JsonValueKind.Array
            ? commands.EnumerateArray().Select(command => command.ValueKind == JsonValueKind.Object && command.TryGetProperty("identifier", out JsonElement id) ? id.GetString() ?? "" : "").ToArray()
            : [];
        string[] disallowed = programs.Where(program => !policy!.Commands.Contains(program, StringComparer.Ordinal)).ToArray();
        return programs.Length == 0
            ? "refused: the command's programs are not known"
            : disallowed.Length > 0
                ? $"refused: this stage may not run {string.Join(", ", disallowed.Select(program => $"'{program}'"))} (allowed: {(policy!.Commands.IsEmpty ? "none" : string.Join(", ", policy.Commands))})"
                : null;
    }
}
