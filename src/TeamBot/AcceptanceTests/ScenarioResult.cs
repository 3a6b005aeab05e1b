namespace TeamBot.AcceptanceTests;

/// <summary>How a scenario ended.</summary>
public enum ScenarioOutcome
{
    /// <summary>The expected result was verified.</summary>
    Passed,

    /// <summary>The expected result was not met.</summary>
    Failed,

    /// <summary>The scenario was not run; it does not count as a pass.</summary>
    Skipped,
}

/// <summary>The result of one scenario.</summary>
/// <param name="Id">The scenario's id.</param>
/// <param name="Outcome">How it ended.</param>
/// <param name="Detail">What was seen, for a failure especially.</param>
public sealed record ScenarioResult(string Id, ScenarioOutcome Outcome, string Detail = "");
