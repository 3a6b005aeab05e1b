using System;
using System.Collections.Generic;
using System.Linq;
using TeamBot.LanguageServer.Protocol;
using TeamBot.Workflow.Model;
using TeamBot.Workflow.Parsing;

namespace TeamBot.LanguageServer.Features;

/// <summary>Completions by position: field names where a key goes, stage keys where a stage is named, agents, tools, booleans.</summary>
internal static class CompletionProvider
{
    private const int FieldKind = 5;
    private const int ValueKind = 12;
    private const int ReferenceKind = 18;
    private const int StageKind = 20;

    public static CompletionList Complete(OpenDocument document, Position position)
    {
        YamlCursor cursor = YamlCursor.At(document.Text, document.Lines.ToOffset(position));
        WorkflowDocument? workflow = document.LastParsed;
        IEnumerable<CompletionItem> items = cursor.InComment ? [] : cursor.InValue ? Values(cursor, workflow) : Keys(cursor, workflow);
        return new CompletionList(false, items.ToArray());
    }

    private static IEnumerable<CompletionItem> Keys(YamlCursor cursor, WorkflowDocument? workflow)
    {
        IReadOnlyList<string> path = cursor.Path;
        return path switch
        {
            [] => Fields(FieldScope.Workflow, cursor.ColonFollows),
            [WorkflowSchema.Stages, _] => Fields(FieldScope.Stage, cursor.ColonFollows),
            [WorkflowSchema.Stages, _, "permissions"] => Fields(FieldScope.Permissions, cursor.ColonFollows),
            [WorkflowSchema.Stages, _, "permissions", "write"] => Agents(workflow, personas: false),
            [WorkflowSchema.ParallelGroups, _] => Fields(FieldScope.Group, cursor.ColonFollows),
            [WorkflowSchema.Budget] => Fields(FieldScope.Budget, cursor.ColonFollows),
            [WorkflowSchema.WorkToReviewMapping] => Stages(workflow, stage => !stage.IsReviewStage),
            _ => [],
        };
    }

    private static IEnumerable<CompletionItem> Values(YamlCursor cursor, WorkflowDocument? workflow)
    {
        string key = cursor.Key!;
        return cursor.Path switch
        {
            [] when key == WorkflowSchema.StageOrder => Stages(workflow, _ => true),
            [WorkflowSchema.ParallelGroups, _] when key is "after" or "before" or "stages" => Stages(workflow, stage => !stage.IsReviewStage || key != "stages"),
            [WorkflowSchema.WorkToReviewMapping] => Stages(workflow, stage => stage.IsReviewStage),
            [WorkflowSchema.Stages, _] when key is "work_agent" or "review_agent" or "parallel_agents" => Agents(workflow, personas: false),
            [WorkflowSchema.Stages, _] when key is "allowed_personas" => Agents(workflow, personas: true),
            [WorkflowSchema.Stages, _] when FieldDocs.IsBoolean(key) => Booleans(),
            [WorkflowSchema.Budget] when key == "policy" => new[] { BudgetPolicies.Warn, BudgetPolicies.Strict }.Select(policy => Item(policy, ValueKind, "budget policy", null)),
            [WorkflowSchema.Stages, _, "permissions"] when key == "tools" => WorkflowSchema.Tools.Select(tool => Item(tool, ValueKind, "workspace tool", null)),
            _ => [],
        };
    }

    private static IEnumerable<CompletionItem> Fields(FieldScope scope, bool colonFollows) =>
        FieldDocs.Fields(scope).Select((field, index) => new CompletionItem(
            field,
            FieldKind,
            scope == FieldScope.Workflow ? "section" : "field",
            FieldDocs.Describe(scope, field) is { } docs ? MarkupContent.Markdown(docs) : null,
            colonFollows ? field : field + ": ",
            index.ToString("D3", System.Globalization.CultureInfo.InvariantCulture)));

    /// <summary>The declared stages in stage_order's order (then the rest as declared), each with what it is.</summary>
    private static IEnumerable<CompletionItem> Stages(WorkflowDocument? workflow, Func<StageDefinition, bool> include)
    {
        if (workflow is null)
        {
            return [];
        }

        var order = workflow.StageOrder.Select(entry => entry.Value).ToList();
        return workflow.Stages
            .Where(include)
            .GroupBy(stage => stage.Key.Value, StringComparer.Ordinal)
            .Select(group => group.First())
            .OrderBy(stage => order.IndexOf(stage.Key.Value) is var at && at < 0 ? int.MaxValue : at)
            .Select((stage, index) => new CompletionItem(
                stage.Key.Value,
                StageKind,
                StageHover.Summary(stage),
                null,
                null,
                index.ToString("D4", System.Globalization.CultureInfo.InvariantCulture)));
    }

    /// <summary>The agents the file already names anywhere, and with <paramref name="personas"/> the personas it allows too.</summary>
    private static IEnumerable<CompletionItem> Agents(WorkflowDocument? workflow, bool personas)
    {
        if (workflow is null)
        {
            return [];
        }

        var agents = new SortedSet<string>(StringComparer.Ordinal);
        foreach (StageDefinition stage in workflow.Stages)
        {
            Add(stage.WorkAgent);
            Add(stage.ReviewAgent);
            foreach (Located<string> agent in personas ? stage.ParallelAgents.Concat(stage.AllowedPersonas) : stage.ParallelAgents)
            {
                agents.Add(agent.Value);
            }

            if (stage.Permissions is { } permissions)
            {
                foreach (AgentWriteDefinition write in permissions.WriteByAgent)
                {
                    agents.Add(write.Agent.Value);
                }
            }
        }

        return agents.Select(agent => Item(agent, ReferenceKind, "agent", null));

        void Add(Located<string>? agent)
        {
            if (agent is { } named)
            {
                agents.Add(named.Value);
            }
        }
    }

    private static IEnumerable<CompletionItem> Booleans() => [Item("true", ValueKind, null, null), Item("false", ValueKind, null, null)];

    private static CompletionItem Item(string label, int kind, string? detail, string? insert) => new(label, kind, detail, null, insert, null);
}
