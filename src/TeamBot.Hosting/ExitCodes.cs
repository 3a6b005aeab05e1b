namespace TeamBot.Hosting;

/// <summary>The teambot command's exit codes.</summary>
public static class ExitCodes
{
    /// <summary>The run completed.</summary>
    public const int Complete = 0;

    /// <summary>Bad input: an unknown option, a missing or malformed objective file, a corrupt or missing state file.</summary>
    public const int BadInput = 1;

    /// <summary>A stage or parallel-group member failed.</summary>
    public const int StageFailed = 2;

    /// <summary>A review stage was not approved within its iterations.</summary>
    public const int ReviewFailed = 3;

    /// <summary>The acceptance tests did not pass.</summary>
    public const int AcceptanceTestFailed = 4;

    /// <summary>The run's time budget or a stage's time limit ran out.</summary>
    public const int Timeout = 5;

    /// <summary>Another process is running the same run.</summary>
    public const int Locked = 6;

    /// <summary>The run's files cannot be written (a full disk, no permission, a read-only file system); its last saved state is intact.</summary>
    public const int CannotWrite = 7;

    /// <summary><c>teambot runs check</c> found a saved run this build cannot resume (its workflow version is unknown, or it cannot be carried over).</summary>
    public const int CannotResume = 8;

    /// <summary>The next agent call would have exceeded the run's token or cost budget; resume with a larger one.</summary>
    public const int BudgetExceeded = 9;

    /// <summary>The run was cancelled (Ctrl+C), as in the Python TeamBot.</summary>
    public const int Cancelled = 130;

    /// <summary>The text listed in <c>teambot --help</c>.</summary>
    internal const string Help = "Exit codes: 0 complete, 1 bad input, 2 stage failed, 3 review failed, 4 acceptance tests failed, 5 timeout, 6 run locked by another process, 7 the run's files cannot be written, 8 a saved run cannot be resumed by this build (runs check), 9 token or cost budget reached (resume with a larger one), 130 cancelled.";
}
