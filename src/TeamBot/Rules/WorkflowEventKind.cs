namespace TeamBot.Rules;

/// <summary>What a <c>WorkflowEvent</c> reports.</summary>
public enum WorkflowEventKind
{
    /// <summary>The run started or resumed.</summary>
    RunStarted,

    /// <summary>The run completed every stage.</summary>
    RunCompleted,

    /// <summary>The run stopped without completing: failed, cancelled or out of time.</summary>
    RunStopped,

    /// <summary>A stage started.</summary>
    StageStarted,

    /// <summary>A stage completed.</summary>
    StageCompleted,

    /// <summary>A stage failed.</summary>
    StageFailed,

    /// <summary>An optional stage was skipped.</summary>
    StageSkipped,

    /// <summary>A parallel group started its members.</summary>
    GroupStarted,

    /// <summary>Every member of a parallel group completed.</summary>
    GroupCompleted,

    /// <summary>A parallel group finished with at least one failed member.</summary>
    GroupFailed,

    /// <summary>A group member started (when a concurrency slot was free).</summary>
    MemberStarted,

    /// <summary>A group member completed.</summary>
    MemberCompleted,

    /// <summary>A group member failed; its siblings go on.</summary>
    MemberFailed,

    /// <summary>A review iteration started.</summary>
    ReviewIterationStarted,

    /// <summary>A review iteration ended with a verdict.</summary>
    ReviewIterationCompleted,

    /// <summary>An acceptance-test run started.</summary>
    AcceptanceRunStarted,

    /// <summary>An acceptance-test run ended with results.</summary>
    AcceptanceRunCompleted,

    /// <summary>An agent streamed part of its answer (<c>WorkflowEvent.Agent</c> names it). Reported as it happens, never
    /// saved.</summary>
    AgentStreamed,

    /// <summary>A tool call of an agent returned or was refused (<c>WorkflowEvent.Agent</c> names the agent). Reported as
    /// it happens; the calls whose results the run keeps are saved with the stage's result.</summary>
    ToolCalled,

    /// <summary>An agent call answered with the tokens it used (<c>WorkflowEvent.Agent</c> and <c>WorkflowEvent.Tokens</c>
    /// say whose and how many). Reported as it happens; the calls whose results the run keeps are counted in its state.</summary>
    TokensUsed,
}
