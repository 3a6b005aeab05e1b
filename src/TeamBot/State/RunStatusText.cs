using System;
using TeamBot.Rules;

namespace TeamBot.State;

/// <summary>The persisted, snake_case names of <see cref="RunStatus"/> values.</summary>
public static class RunStatusText
{
    /// <summary>The persisted form of a status.</summary>
    public static string ToText(RunStatus status) => status switch
    {
        RunStatus.InProgress => "in_progress",
        RunStatus.Complete => "complete",
        RunStatus.Error => "error",
        RunStatus.Cancelled => "cancelled",
        RunStatus.Timeout => "timeout",
        RunStatus.ReviewFailed => "review_failed",
        RunStatus.AcceptanceTestFailed => "acceptance_test_failed",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    /// <summary>The status a persisted status stands for; unknown ones (a crash mid-run) resume as in progress.</summary>
    public static RunStatus Parse(string? status) => status switch
    {
        "complete" => RunStatus.Complete,
        "error" => RunStatus.Error,
        "cancelled" => RunStatus.Cancelled,
        "timeout" => RunStatus.Timeout,
        "review_failed" => RunStatus.ReviewFailed,
        "acceptance_test_failed" => RunStatus.AcceptanceTestFailed,
        _ => RunStatus.InProgress,
    };
}
