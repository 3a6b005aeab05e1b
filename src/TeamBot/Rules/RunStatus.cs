namespace TeamBot.Rules;

/// <summary>Where a run stands. Persisted in snake_case, as the Python TeamBot wrote it.</summary>
public enum RunStatus
{
    /// <summary>The run is under way, or stopped by a crash before it could say otherwise.</summary>
    InProgress,

    /// <summary>Every stage completed.</summary>
    Complete,

    /// <summary>A stage or parallel-group member failed.</summary>
    Error,

    /// <summary>The caller cancelled the run.</summary>
    Cancelled,

    /// <summary>The run's time budget or a stage's time limit ran out.</summary>
    Timeout,

    /// <summary>A review stage used all its iterations without approval.</summary>
    ReviewFailed,

    /// <summary>The acceptance tests still failed after the last fix, or there were none to run.</summary>
    AcceptanceTestFailed,

    /// <summary>The next agent call would have exceeded the run's token or cost budget; resumable with a larger one.</summary>
    BudgetExceeded,
}
