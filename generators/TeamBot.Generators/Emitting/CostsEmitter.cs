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
            Optional(w, "Tokens", budget.Tokens is { } tokens ? Long(tokens) : null);
            Optional(w, "Cost", budget.Cost is { } cost ? Decimal(cost) : null);
            Optional(w, "Time", budget.Time is { } time ? Duration(time) : null);
            Optional(w, "Strict", budget.Strict ? "true" : null);
            Optional(w, "Prices", budget.Prices.Count == 0 ? null : $"{ImmutableArray}.Create({string.Join(", ", budget.Prices.Select(Price))})");
            w.Outdent();
            w.Line("};");
        }

        w.Line();
        CostsSpec costs = spec.Costs;
        w.Line($"private static readonly {Definitions}WorkflowCosts s_costs = new {Definitions}WorkflowCosts");
        w.Line("{");
        w.Indent();
        w.Line($"WorstCaseCalls = {costs.Calls.ToString(CultureInfo.InvariantCulture)},");
        Optional(w, "WorstCaseTokens", costs.Tokens is { } worstTokens ? Long(worstTokens) : null);
        Optional(w, "CriticalPath", costs.CriticalPath is { } path ? Duration(path) : null);
        Optional(w, "CriticalPathStages", costs.CriticalPathStages.Count == 0 ? null : $"__Strings({string.Join(", ", costs.CriticalPathStages.Select(CSharpText.Literal))})");
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

    private static void Optional(SourceWriter w, string property, string? value)
    {
        if (value is not null)
        {
            w.Line($"{property} = {value},");
        }
    }
}
