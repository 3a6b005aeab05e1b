using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using TeamBot.Agents.Mcp;
using TeamBot.Agents.Tools;

namespace TeamBot.Agents.Copilot;

/// <summary>
/// Answers the CLI's permission prompts for one call. With stage permissions (stages.yaml) the CLI's own tools are
/// held to them as far as its prompts tell: a write only to a path the calling agent may write, a shell command only
/// when every program in it is allowed and it redirects nothing into a file, an MCP tool only when the stage grants it
/// (<see cref="McpGrants"/>; a review gets none), reads always, anything else never. Without stage permissions, the
/// kinds in <see cref="CopilotAgentOptions.ApprovedPermissions"/> are approved.
/// </summary>
internal sealed class CopilotPermissions(WorkspacePolicy? policy, McpGrants mcp, bool review, IReadOnlySet<string> approvedKinds)
{
    private readonly WorkspacePaths? _paths = policy is null ? null : new WorkspacePaths(policy);

    /// <summary>The permissions of <paramref name="request"/>'s call.</summary>
    public static CopilotPermissions For(AgentRequest request, IReadOnlySet<string> approvedKinds) =>
        new(WorkspacePolicy.ForRequest(request), McpGrants.For(request), request.Task == AgentTask.Review, approvedKinds);

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
            "mcp" => McpRefusal(request),
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

    private string? McpRefusal(CopilotSessionEvent request)
    {
        if (request.Text("serverName") is not { } server || request.Text("toolName") is not { } tool)
        {
            return "refused: the MCP prompt names no server or tool";
        }

        string name = McpGrants.ToolName(server, tool);
        if (review)
        {
            return $"refused: a review may not call MCP tools ({name}): a review only reads, and an MCP tool may have side effects";
        }

        if (mcp.Grants(server, tool))
        {
            return null;
        }

        string granted = mcp.Shown.Any() ? string.Join(", ", mcp.Shown) : "no MCP tools";
        return $"refused: this stage does not grant {name} (granted: {granted})";
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
