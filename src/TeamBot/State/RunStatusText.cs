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
        RunStatus.BudgetExceeded => "budget_exceeded",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    /// <summary>
    /// The status a persisted status stands for; a missing one resumes as in progress. Unknown ones also read as in
    /// progress here: a saved state is checked before its status is used (see <see cref="TryParse"/>).
    /// </summary>
    public static RunStatus Parse(string? status) => TryParse(status, out RunStatus parsed) ? parsed : RunStatus.InProgress;

    /// <summary>Reads a persisted status.</summary>
    /// <returns><see langword="true"/> for a missing status (in progress) or one of the persisted names; <see langword="false"/> for any other text.</returns>
    public static bool TryParse(string? status, out RunStatus parsed)
    {
        (bool known, parsed) = status switch
        {
            null or "in_progress" => (true, RunStatus.InProgress),
            "complete" => (true, RunStatus.Complete),
            "error" => (true, RunStatus.Error),
            "cancelled" => (true, RunStatus.Cancelled),
            "timeout" => (true, RunStatus.Timeout),
            "review_failed" => (true, RunStatus.ReviewFailed),
            "acceptance_test_failed" => (true, RunStatus.AcceptanceTestFailed),
            "budget_exceeded" => (true, RunStatus.BudgetExceeded),
            _ => (false, RunStatus.InProgress),
        };
        return known;
    }
}
