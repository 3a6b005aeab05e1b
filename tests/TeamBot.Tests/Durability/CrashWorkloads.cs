using System;
using TeamBot.Definitions;
using TeamBot.Testing;

namespace TeamBot.Tests.Durability;

/// <summary>
/// The workloads every host's crash matrix runs: each exercises a different part of a run's position (review loops,
/// acceptance fixes, a wide bounded group, member failures, parallel agents, time limits, cancellation).
/// </summary>
internal static class CrashWorkloads
{
    /// <summary>The repository's 14-stage workflow: reviews reject before approving, acceptance fails before passing,
    /// IMPLEMENTATION runs two agents in parallel, and the RESEARCH/TEST_STRATEGY group runs both members at once.</summary>
    public static ScriptedTeam Delivery() => ScriptedTeam.For(Workflow.Definition)
        .RejectReview("SPEC_REVIEW", times: 2)
        .RejectReview("PLAN_REVIEW", times: 1)
        .RejectReview("IMPLEMENTATION_REVIEW", times: 1)
        .RejectReview("POST_REVIEW", times: 1)
        .FailAcceptanceRuns(2);

    /// <summary>The delivery workflow whose coding stages change the workspace (IMPLEMENTATION's two agents at once, the
    /// revisions of its review, TEST, the acceptance fixes): each call appends to a file, so work run twice on an
    /// unrestored workspace shows in the files.</summary>
    public static ScriptedTeam FileWritingDelivery() => Delivery().WritesFiles();

    /// <summary>The delivery workflow with a review that never approves: the run ends in review_failed with its report.</summary>
    public static ScriptedTeam ReviewFailure() => ScriptedTeam.For(Workflow.Definition).RejectReview("PLAN_REVIEW", times: 10);

    /// <summary>The delivery workflow, cancelled by the caller when PLAN starts, then resumed.</summary>
    public static ScriptedTeam Cancelled() => ScriptedTeam.For(Workflow.Definition).RejectReview("SPEC_REVIEW", times: 1).CancelRunAt("PLAN");

    /// <summary>Eight members at a bound of two.</summary>
    public static ScriptedTeam WideGroup() => ScriptedTeam.For(Wide.Definition);

    /// <summary>Two of the eight members fail: the gate waits for all, then the run stops naming both.</summary>
    public static ScriptedTeam MemberFailures() => ScriptedTeam.For(Wide.Definition).FailStage("M3").FailStage("M6");

    /// <summary>A member fails, then the caller cancels the run while the group is under way, then resumes it: the
    /// failure is kept (the failed member does not run again) and the run stops on it once the group is done.</summary>
    public static ScriptedTeam MemberFailureThenCancel() => ScriptedTeam.For(Wide.Definition).FailStage("M1").CancelRunAt("M5");

    /// <summary>A stage runs past its time limit.</summary>
    public static ScriptedTeam TimeLimit() => ScriptedTeam.For(Timed.Definition).OverrunTimeLimit("SLOW");
}
