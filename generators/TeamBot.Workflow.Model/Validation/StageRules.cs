using System;
using System.Collections.Generic;
using System.Globalization;
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
                sink.Report(RuleIds.UnknownStage, entry.Span, "stage_order", entry.Value, NameSuggestions.ForStage(entry.Value, index.StageKeys));
            }
            else if (firstLine.TryGetValue(entry.Value, out int line))
            {
                sink.Report(RuleIds.StageListedTwice, entry.Span, entry.Value, "stage_order", Line(line));
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
                sink.Report(RuleIds.StageNotInOrder, stage.Key.Span, stage.Key.Value);
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
            sink.Report(RuleIds.MissingWorkAgent, stage.Key.Span, stage.Key.Value);
        }

        if (stage.IsReviewStage && stage.ReviewAgent is null)
        {
            sink.Report(RuleIds.MissingReviewAgent, stage.Key.Span, stage.Key.Value);
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
}
