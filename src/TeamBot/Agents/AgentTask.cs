namespace TeamBot.Agents;

/// <summary>What an agent is asked to do.</summary>
public enum AgentTask
{
    /// <summary>Do the stage's work.</summary>
    Work,

    /// <summary>In a review stage: produce (or revise, after feedback) the work to review.</summary>
    ReviseWork,

    /// <summary>In a review stage: review the work and give a verdict.</summary>
    Review,

    /// <summary>Run the acceptance-test scenarios and report a result for each.</summary>
    RunAcceptanceTests,

    /// <summary>Fix what made acceptance-test scenarios fail.</summary>
    FixAcceptanceFailures,

    /// <summary>
    /// The acceptance tests found no scenarios: as the spec's owner, write the spec again with its acceptance test
    /// scenarios (the only artifact in <see cref="StageContext.RequiredArtifacts"/>).
    /// </summary>
    AddAcceptanceScenarios,
}
