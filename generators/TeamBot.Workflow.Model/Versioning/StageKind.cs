namespace TeamBot.Workflow.Versioning;

/// <summary>What a stage does with a run's position: run once, or loop with a counter a saved run records.</summary>
public enum StageKind
{
    /// <summary>A stage that runs once.</summary>
    Work,

    /// <summary>A review loop (<c>is_review_stage</c>).</summary>
    Review,

    /// <summary>An acceptance-test loop (<c>is_acceptance_test_stage</c>).</summary>
    AcceptanceTest,
}
