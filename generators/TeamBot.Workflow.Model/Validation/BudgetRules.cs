using System;
using System.Collections.Generic;
using System.Linq;
using TeamBot.Workflow.Costs;
using TeamBot.Workflow.Diagnostics;
using TeamBot.Workflow.Model;

namespace TeamBot.Workflow.Validation;

/// <summary>
/// TB08xx: the <c>budget</c> section and <c>max_tokens_per_call</c>, and the declared budget against the worst case the
/// workflow's bounds allow (<see cref="WorkflowCostModel"/>). A budget below the worst case is a warning, an error under
/// <c>policy: strict</c>.
/// </summary>
internal static class BudgetRules
{
    /// <summary>How many stages a message names before it stops: the largest first.</summary>
    private const int StagesNamed = 3;

    /// <summary>How many stages of the critical path a message names in order; a longer path names its longest.</summary>
    private const int PathStagesNamed = 12;

    public static void Check(WorkflowIndex index, ProblemSink sink)
    {
        int before = sink.Problems.Count;
        foreach (StageDefinition stage in index.Document.Stages)
        {
            if (stage.MaxTokensPerCall is { Value: < 1 } limit)
            {
                Invalid(sink, limit.Span, $"'max_tokens_per_call' of stage '{stage.Key.Value}'", "a whole number of at least 1", Number(limit.Value));
            }
        }

        if (index.Document.Budget is not { } budget)
        {
            return;
        }

        // A value out of range would make a worst case or a budget that means nothing: compare only valid ones.
        CheckValues(budget, sink);
        if (sink.Problems.Count > before)
        {
            return;
        }

        WorkflowWorstCase worst = WorkflowCostModel.Compute(index);
        RuleSeverity? severity = budget.IsStrict ? RuleSeverity.Error : null;
        CheckTokens(budget, worst, sink, severity);
        CheckCost(budget, worst, sink, severity);
        CheckTime(budget, worst, sink, severity);
    }

    /// <summary>TB0806 for each value out of range, TB0805 for a cost without prices.</summary>
    private static void CheckValues(BudgetDefinition budget, ProblemSink sink)
    {
        if (budget.Tokens is { Value: < 1 } tokens)
        {
            Invalid(sink, tokens.Span, "'budget.tokens'", "a whole number of at least 1", Number(tokens.Value));
        }

        if (budget.Cost is { Value: <= 0 } cost)
        {
            Invalid(sink, cost.Span, "'budget.cost'", "a positive amount", WorstCaseText.Amount(cost.Value));
        }

        if (budget.Time is { } time && TimeoutValue.Parse(time.Value) is null)
        {
            Invalid(sink, time.Span, "'budget.time'", "a positive duration 'hh:mm:ss' or 'd.hh:mm:ss' (\"2.12:00:00\" for 60 hours)", $"'{time.Value}'");
        }

        if (budget.Policy is { } policy && policy.Value is not (BudgetPolicies.Strict or BudgetPolicies.Warn))
        {
            Invalid(sink, policy.Span, "'budget.policy'", $"'{BudgetPolicies.Strict}' or '{BudgetPolicies.Warn}'", $"'{policy.Value}'");
        }

        foreach (ModelPriceDefinition price in budget.Prices)
        {
            foreach ((string field, Located<decimal>? value) in new[] { ("input", price.Input), ("output", price.Output) })
            {
                if (value is null)
                {
                    Invalid(sink, price.Model.Span, $"The price of model '{price.Model.Value}'", "given per million tokens as both 'input' and 'output'", $"missing '{field}'");
                }
                else if (value.Value.Value < 0)
                {
                    Invalid(sink, value.Value.Span, $"'{field}' of the price of model '{price.Model.Value}'", "zero or more", WorstCaseText.Amount(value.Value.Value));
                }
            }
        }

        if (budget.Cost is { } declared && budget.Prices.Count == 0)
        {
            sink.Report(RuleIds.CostBudgetWithoutPrices, declared.Span, WorstCaseText.Amount(declared.Value));
        }
    }

    private static void CheckTokens(BudgetDefinition budget, WorkflowWorstCase worst, ProblemSink sink, RuleSeverity? severity)
    {
        if (budget.Tokens is not { } tokens)
        {
            return;
        }

        if (worst.Tokens is not { } needed)
        {
            Uncheckable(sink, tokens.Span, "token", worst.StagesWithoutTokenLimit, "max_tokens_per_call");
        }
        else if (tokens.Value < needed)
        {
            string largest = Largest(worst.Stages.Where(stage => stage.Tokens > 0).OrderByDescending(stage => stage.Tokens).Select(stage => $"{stage.Key} {Number(stage.Tokens!.Value)}"));
            sink.Report(severity, RuleIds.TokenBudgetBelowWorstCase, tokens.Span, Number(tokens.Value), Number(needed), Number(worst.Calls), largest);
        }
    }

    private static void CheckCost(BudgetDefinition budget, WorkflowWorstCase worst, ProblemSink sink, RuleSeverity? severity)
    {
        if (budget.Cost is not { } cost)
        {
            return;
        }

        if (worst.Tokens is null)
        {
            Uncheckable(sink, cost.Span, "cost", worst.StagesWithoutTokenLimit, "max_tokens_per_call");
        }
        else if (WorstCaseCost.Of(worst.Tokens, budget.Prices) is { } needed && cost.Value < needed.Cost)
        {
            sink.Report(severity, RuleIds.CostBudgetBelowWorstCase, cost.Span, WorstCaseText.Amount(cost.Value), WorstCaseText.Amount(needed.Cost), Number(worst.Tokens.Value), WorstCaseText.Amount(needed.PricePerMillion));
        }
    }

    private static void CheckTime(BudgetDefinition budget, WorkflowWorstCase worst, ProblemSink sink, RuleSeverity? severity)
    {
        if (budget.Time is not { } time || TimeoutValue.Parse(time.Value) is not { } limit)
        {
            return;
        }

        if (worst.CriticalPath is not { } path)
        {
            Uncheckable(sink, time.Span, "time", worst.StagesWithoutTimeout, "timeout");
        }
        else if (limit < path)
        {
            Dictionary<string, StageWorstCase> byKey = worst.Stages.ToDictionary(stage => stage.Key, StringComparer.Ordinal);
            StageWorstCase[] onPath = worst.CriticalPathStages.Select(key => byKey[key]).ToArray();
            string stages = onPath.Length <= PathStagesNamed
                ? string.Join(" -> ", onPath.Select(Timed))
                : $"{onPath.Length} stages, the longest {Largest(onPath.OrderByDescending(stage => stage.Time).Select(Timed))}";
            sink.Report(severity, RuleIds.TimeBudgetBelowCriticalPath, time.Span, time.Value, WorstCaseText.Duration(path), stages);
        }
    }

    private static string Timed(StageWorstCase stage) => $"{stage.Key} {WorstCaseText.Duration(stage.Time!.Value)}";

    private static void Uncheckable(ProblemSink sink, SourceSpan span, string budget, EquatableArray<string> stages, string field)
    {
        sink.Report(RuleIds.BudgetUncheckable, span, budget, Largest(stages), field);
    }

    private static void Invalid(ProblemSink sink, SourceSpan span, string what, string expected, string actual) =>
        sink.Report(RuleIds.InvalidBudgetValue, span, what, expected, actual);

    /// <summary>The first few items and how many more, so that a 3000-stage workflow's message stays one line.</summary>
    private static string Largest(IEnumerable<string> items)
    {
        string[] all = items.ToArray();
        string named = string.Join(", ", all.Take(StagesNamed));
        return all.Length > StagesNamed ? $"{named} and {all.Length - StagesNamed} more" : named;
    }

    private static string Number(long value) => WorstCaseText.Number(value);
}
