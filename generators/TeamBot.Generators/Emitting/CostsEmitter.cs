using System;
using System.Globalization;
using System.Linq;
using TeamBot.Generators.Model;

namespace TeamBot.Generators.Emitting;

/// <summary>Writes a workflow's <c>WorkflowBudget</c> and <c>WorkflowCosts</c>, and the literals of their figures.</summary>
internal static class CostsEmitter
{
    private const string Definitions = "global::TeamBot.Definitions.";
    private const string ImmutableArray = "global::System.Collections.Immutable.ImmutableArray";

    public static void WriteFields(SourceWriter w, WorkflowSpec spec)
    {
        if (spec.Budget is not { } budget)
        {
            w.Line($"private static readonly {Definitions}WorkflowBudget s_budget = {Definitions}WorkflowBudget.None;");
        }
        else
        {
            w.Line($"private static readonly {Definitions}WorkflowBudget s_budget = new {Definitions}WorkflowBudget");
            w.Line("{");
            w.Indent();
            WorkflowEmitter.Optional(w, "Tokens", budget.Tokens is not null, () => Long(budget.Tokens!.Value));
            WorkflowEmitter.Optional(w, "Cost", budget.Cost is not null, () => Decimal(budget.Cost!.Value));
            WorkflowEmitter.Optional(w, "Time", budget.Time is not null, () => Duration(budget.Time!.Value));
            WorkflowEmitter.Optional(w, "Strict", budget.Strict, () => "true");
            WorkflowEmitter.Optional(w, "Prices", budget.Prices.Count > 0, () => $"{ImmutableArray}.Create({string.Join(", ", budget.Prices.Select(Price))})");
            w.Outdent();
            w.Line("};");
        }

        w.Line();
        CostsSpec costs = spec.Costs;
        w.Line($"private static readonly {Definitions}WorkflowCosts s_costs = new {Definitions}WorkflowCosts");
        w.Line("{");
        w.Indent();
        w.Line($"WorstCaseCalls = {costs.Calls.ToString(CultureInfo.InvariantCulture)},");
        WorkflowEmitter.Optional(w, "WorstCaseTokens", costs.Tokens is not null, () => Long(costs.Tokens!.Value));
        WorkflowEmitter.Optional(w, "CriticalPath", costs.CriticalPath is not null, () => Duration(costs.CriticalPath!.Value));
        WorkflowEmitter.Optional(w, "CriticalPathStages", costs.CriticalPathStages.Count > 0, () => WorkflowEmitter.Strings(costs.CriticalPathStages));
        w.Outdent();
        w.Line("};");
    }

    public static string Long(long value) => value.ToString(CultureInfo.InvariantCulture) + "L";

    /// <summary>A duration as <c>new TimeSpan(days, hours, minutes, seconds)</c>, or from ticks when it has a fraction (a saturated figure).</summary>
    public static string Duration(TimeSpan value) =>
        value.Ticks % TimeSpan.TicksPerSecond == 0
            ? string.Format(CultureInfo.InvariantCulture, "new global::System.TimeSpan({0}, {1}, {2}, {3})", value.Days, value.Hours, value.Minutes, value.Seconds)
            : string.Format(CultureInfo.InvariantCulture, "global::System.TimeSpan.FromTicks({0}L)", value.Ticks);

    private static string Decimal(decimal value) => value.ToString(CultureInfo.InvariantCulture) + "m";

    private static string Price(PriceSpec price) =>
        $"new {Definitions}ModelPrice({CSharpText.Literal(price.Model)}, {Decimal(price.InputPerMillion)}, {Decimal(price.OutputPerMillion)})";
}
