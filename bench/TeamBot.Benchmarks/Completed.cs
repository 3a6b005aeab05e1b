using System;
using TeamBot.Rules;

namespace TeamBot.Benchmarks;

/// <summary>Only work that succeeded is measured: a run that stops early would be a faster, false figure.</summary>
internal static class Completed
{
    public static RunStatus Check(RunStatus status) =>
        status == RunStatus.Complete ? status : throw new InvalidOperationException($"The benchmark's run ended {status}, not complete; its time is not a figure.");
}
