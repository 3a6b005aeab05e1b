using System;

namespace TeamBot.Workflow.Costs;

/// <summary>
/// Arithmetic that stops at the type's maximum: a workflow may declare <c>max_iterations: 2147483647</c>, and its worst
/// case is then "more than can be counted", not an overflow that crashes the compiler.
/// </summary>
internal static class Saturating
{
    public static long Add(long left, long right) => left > long.MaxValue - right ? long.MaxValue : left + right;

    public static long Multiply(long left, long right) => right != 0 && left > long.MaxValue / right ? long.MaxValue : left * right;

    public static TimeSpan Add(TimeSpan left, TimeSpan right) => new(Add(left.Ticks, right.Ticks));

    public static TimeSpan Multiply(TimeSpan value, long times) => new(Multiply(value.Ticks, times));
}
