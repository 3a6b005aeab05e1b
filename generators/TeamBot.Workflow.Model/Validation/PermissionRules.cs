using System;
using System.Collections.Generic;
using System.Linq;
using TeamBot.Workflow.Diagnostics;
using TeamBot.Workflow.Model;
using TeamBot.Workflow.Naming;
using TeamBot.Workflow.Parsing;

namespace TeamBot.Workflow.Validation;

/// <summary>
/// Rules for what a stage lets its agents do in the workspace: known tools, write paths that go with write tools, no
/// writing reviewer, commands only with the run tool, and no two agents that run at the same time (a stage's parallel
/// agents, or the members of a parallel group) allowed to write the same file.
/// </summary>
internal static class PermissionRules
{
    private static readonly string[] WriteTools = ["write_file", "edit_file"];

    public static void Check(WorkflowIndex index, ProblemSink sink)
    {
        var writers = new Dictionary<string, List<(string Agent, Located<string> Path)>>(StringComparer.Ordinal);
        foreach (StageDefinition stage in index.Document.Stages)
        {
            if (stage.Permissions is { } permissions)
            {
                writers[stage.Key.Value] = CheckStage(stage, permissions, sink);
            }
        }

        foreach (ParallelGroupDefinition group in index.Document.ParallelGroups)
        {
            var members = group.Stages.Select(member => member.Value).Distinct(StringComparer.Ordinal).Where(writers.ContainsKey).ToList();
            for (int later = 1; later < members.Count; later++)
            {
                for (int earlier = 0; earlier < later; earlier++)
                {
                    ReportOverlap(writers[members[earlier]], writers[members[later]], $"stage '{members[earlier]}'", $"stage '{members[later]}'", sink);
                }
            }
        }
    }

    /// <summary>Checks one stage; returns each path its work agents may write, with the agent.</summary>
    private static List<(string Agent, Located<string> Path)> CheckStage(StageDefinition stage, PermissionsDefinition permissions, ProblemSink sink)
    {
        string key = stage.Key.Value;
        IEnumerable<Located<string>> tools = permissions.Tools ?? default;
        foreach (Located<string> tool in tools.Where(tool => !WorkflowSchema.Tools.Contains(tool.Value) && !IsMcpTool(tool.Value)))
        {
            sink.Report(ProblemSink.Replace(NameSuggestions.Closest(tool.Value, WorkflowSchema.Tools)), RuleIds.UnknownTool, tool.Span, key, tool.Value, NameSuggestions.DidYouMean(tool.Value, WorkflowSchema.Tools, $" The tools are: {string.Join(", ", WorkflowSchema.Tools)}."));
        }

        bool writes = tools.Any(tool => Array.IndexOf(WriteTools, tool.Value) >= 0);
        bool runs = tools.Any(tool => tool.Value == "run_command");
        if (!runs && permissions.Commands.Count > 0)
        {
            sink.Report(RuleIds.CommandsWithoutRunTool, permissions.Commands[0].Span, key);
        }

        List<string> workAgents = stage.ParallelAgents.Count > 0
            ? stage.ParallelAgents.Select(agent => agent.Value).Distinct(StringComparer.Ordinal).ToList()
            : stage.WorkAgent is { } work ? [work.Value] : [];
        var paths = new List<(string Agent, Located<string> Path)>();
        foreach (Located<string> path in permissions.Write)
        {
            paths.AddRange(workAgents.Select(agent => (agent, path)));
        }

        foreach (AgentWriteDefinition entry in permissions.WriteByAgent)
        {
            if (!workAgents.Contains(entry.Agent.Value, StringComparer.Ordinal))
            {
                if (entry.Agent.Value == stage.ReviewAgent?.Value)
                {
                    sink.Report(RuleIds.ReviewerMayWrite, entry.Agent.Span, key, entry.Agent.Value);
                }
                else
                {
                    sink.Report(RuleIds.WriteForUnknownAgent, entry.Agent.Span, key, entry.Agent.Value, workAgents.Count == 0 ? "none" : string.Join(", ", workAgents));
                }

                continue;
            }

            paths.AddRange(entry.Paths.Select(path => (entry.Agent.Value, path)));
        }

        paths.RemoveAll(item => !CheckPath(item.Path, key, sink));
        if (writes && paths.Count == 0)
        {
            sink.Report(RuleIds.WriteToolsAndPathsMismatch, permissions.Span, key, "permits a write tool but gives no write paths; add 'write' with the paths its agents may change");
        }
        else if (!writes && paths.Count > 0)
        {
            sink.Report(RuleIds.WriteToolsAndPathsMismatch, permissions.Span, key, "gives write paths but permits neither write_file nor edit_file; add one to its tools, or remove 'write'");
        }

        if (!writes)
        {
            return [];
        }

        for (int later = 1; later < workAgents.Count; later++)
        {
            for (int earlier = 0; earlier < later; earlier++)
            {
                ReportOverlap(
                    paths.Where(item => item.Agent == workAgents[earlier]).ToList(),
                    paths.Where(item => item.Agent == workAgents[later]).ToList(),
                    $"agent '{workAgents[earlier]}' of stage '{key}'",
                    $"agent '{workAgents[later]}' of stage '{key}'",
                    sink);
            }
        }

        return paths;
    }

    /// <summary>An MCP server's tools, <c>mcp:&lt;server&gt;</c>, or one of them, <c>mcp:&lt;server&gt;/&lt;tool&gt;</c>: the
    /// servers are named at run time, so only the form is checked here.</summary>
    private static bool IsMcpTool(string tool)
    {
        if (!tool.StartsWith("mcp:", StringComparison.Ordinal))
        {
            return false;
        }

        string[] parts = tool.Substring(4).Split('/');
        return parts.Length <= 2 && parts.All(part => part.Length > 0 && part.All(c => char.IsLetterOrDigit(c) || c is '-' or '_' or '.'));
    }

    /// <summary>Reports the first pair of paths that can match one file, at the later writer's path.</summary>
    private static void ReportOverlap(List<(string Agent, Located<string> Path)> earlier, List<(string Agent, Located<string> Path)> later, string earlierName, string laterName, ProblemSink sink)
    {
        foreach ((_, Located<string> path) in later)
        {
            foreach ((_, Located<string> other) in earlier)
            {
                if (GlobOverlap.MayOverlap(other.Value, path.Value))
                {
                    sink.Report(RuleIds.OverlappingWrites, path.Span, earlierName, laterName, other.Value, path.Value);
                    return;
                }
            }
        }
    }

    private static bool CheckPath(Located<string> path, string stage, ProblemSink sink)
    {
        if (PathRules.IsSafeRelativePath(path.Value))
        {
            return true;
        }

        sink.Report(RuleIds.UnsafePath, path.Span, $"Write path of stage '{stage}'", path.Value);
        return false;
    }
}
