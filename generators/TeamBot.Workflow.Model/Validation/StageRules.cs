using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using TeamBot.Workflow.Diagnostics;
using TeamBot.Workflow.Model;
using TeamBot.Workflow.Naming;

namespace TeamBot.Workflow.Validation;

/// <summary>Rules about the stages themselves and <c>stage_order</c>.</summary>
internal static class StageRules
{
    public static void Check(WorkflowIndex index, ProblemSink sink)
    {
        CheckOrder(index, sink);
        CheckIdentifiers(index, sink);
        bool acceptanceTestsRun = false;
        foreach (StageDefinition stage in index.Ordered)
        {
            CheckAgents(index, stage, sink);
            if (stage.RequiresAcceptanceTestsPassed is { Value: true } gate && !acceptanceTestsRun)
            {
                sink.Report(RuleIds.AcceptanceGateWithoutTests, gate.Span, stage.Key.Value);
            }

            acceptanceTestsRun |= stage.IsAcceptanceTestStage;
        }

        foreach (StageDefinition stage in index.Document.Stages)
        {
            CheckValues(stage, sink);
        }
    }

    private static void CheckOrder(WorkflowIndex index, ProblemSink sink)
    {
        var firstLine = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (Located<string> entry in index.Document.StageOrder)
        {
            if (!index.StagesByKey.ContainsKey(entry.Value))
            {
                sink.ReportUnknownStage(entry, "stage_order", index.StageKeys);
            }
            else if (firstLine.TryGetValue(entry.Value, out int line))
            {
                sink.Report(new ProblemFix(FixKind.RemoveListItem, entry.Value), RuleIds.StageListedTwice, entry.Span, entry.Value, "stage_order", Line(line));
            }
            else
            {
                firstLine.Add(entry.Value, entry.Span.StartLine);
            }
        }

        foreach (StageDefinition stage in index.Document.Stages)
        {
            if (!index.Positions.ContainsKey(stage.Key.Value))
            {
                sink.Report(new ProblemFix(FixKind.AddToStageOrder, stage.Key.Value), RuleIds.StageNotInOrder, stage.Key.Span, stage.Key.Value);
            }
        }
    }

    private static void CheckIdentifiers(WorkflowIndex index, ProblemSink sink)
    {
        var owners = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (StageDefinition stage in index.Document.Stages)
        {
            string identifier = IdentifierNames.ToPascalCase(stage.Key.Value);
            if (identifier.Length == 0)
            {
                sink.Report(RuleIds.InvalidStageKey, stage.Key.Span, stage.Key.Value);
            }
            else if (owners.TryGetValue(identifier, out string? first))
            {
                sink.Report(RuleIds.IdentifierCollision, stage.Key.Span, stage.Key.Value, first, identifier);
            }
            else
            {
                owners.Add(identifier, stage.Key.Value);
            }
        }
    }

    private static void CheckAgents(WorkflowIndex index, StageDefinition stage, ProblemSink sink)
    {
        // The last stage (COMPLETE) only marks the end of the run, so it needs no agent.
        if (!stage.IsReviewStage && stage.WorkAgent is null && stage.ParallelAgents.Count == 0 && !index.IsLast(stage))
        {
            sink.Report(AddAgent(index, "work_agent", other => other.WorkAgent), RuleIds.MissingWorkAgent, stage.Key.Span, stage.Key.Value);
        }

        if (stage.IsReviewStage && stage.ReviewAgent is null)
        {
            sink.Report(AddAgent(index, "review_agent", other => other.ReviewAgent), RuleIds.MissingReviewAgent, stage.Key.Span, stage.Key.Value);
        }
    }

    private static void CheckValues(StageDefinition stage, ProblemSink sink)
    {
        if (stage.Timeout is { } timeout && TimeoutValue.Parse(timeout.Value) is null)
        {
            sink.Report(RuleIds.InvalidTimeout, timeout.Span, timeout.Value, stage.Key.Value);
        }

        if (stage.MaxIterations is { Value: < 1 } iterations)
        {
            sink.Report(RuleIds.MaxIterationsTooSmall, iterations.Span, iterations.Value.ToString(CultureInfo.InvariantCulture), stage.Key.Value);
        }
    }

    private static string Line(int zeroBasedLine) => (zeroBasedLine + 1).ToString(CultureInfo.InvariantCulture);

    /// <summary>Adding <paramref name="field"/> with the agent most stages already name there; none when no stage names one.</summary>
    private static ProblemFix? AddAgent(WorkflowIndex index, string field, Func<StageDefinition, Located<string>?> agentOf)
    {
        string? agent = index.Document.Stages
            .Select(agentOf)
            .Where(value => value is not null)
            .GroupBy(value => value!.Value.Value, StringComparer.Ordinal)
            .OrderByDescending(group => group.Count())
            .Select(group => group.Key)
            .FirstOrDefault();
        return agent is null ? null : new ProblemFix(FixKind.AddField, agent) { Field = field };
    }
}
